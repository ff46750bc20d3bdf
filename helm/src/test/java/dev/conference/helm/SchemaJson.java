package dev.conference.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A values.schema.json composed of a common schema and one fragment that only adds: properties (at any depth)
 * and names to "required" lists. The top level's "required" stays in alphabetical order. Written as the charts'
 * schemas are: two spaces per level, one array item per line.
 */
final class SchemaJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SchemaJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, LinkedHashMap.class);
    }

    static Map<String, Object> compose(Map<String, Object> common, Map<String, Object> fragment) {
        Map<String, Object> merged = merge("", common, fragment);
        if (merged.get("required") instanceof List<?> required) {
            merged.put("required", required.stream().map(String.class::cast).sorted().toList());
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(String path, Map<String, Object> base, Map<String, Object> additions) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> entry : additions.entrySet()) {
            String key = entry.getKey();
            String at = path + "/" + key;
            Object was = merged.get(key);
            Object added = entry.getValue();
            if (was == null) {
                merged.put(key, added);
            } else if (was instanceof Map<?, ?> wasMap && added instanceof Map<?, ?> addedMap) {
                merged.put(key, merge(at, (Map<String, Object>) wasMap, (Map<String, Object>) addedMap));
            } else if (was instanceof List<?> wasList && added instanceof List<?> addedList) {
                List<Object> both = new ArrayList<>(wasList);
                for (Object item : addedList) {
                    if (both.contains(item)) {
                        throw new IllegalArgumentException(at + ": " + item + " is in the common schema already");
                    }
                    both.add(item);
                }
                merged.put(key, both);
            } else {
                throw new IllegalArgumentException(at + ": the fragment may add to the common schema, not replace "
                        + was + " with " + added);
            }
        }
        return merged;
    }

    static String print(Object value) {
        StringBuilder out = new StringBuilder();
        print(value, "", out);
        return out.append('\n').toString();
    }

    private static void print(Object value, String indent, StringBuilder out) {
        String inner = indent + "  ";
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(inner);
                string((String) entry.getKey(), out);
                out.append(": ");
                print(entry.getValue(), inner, out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                print(list.get(i), inner, out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Double) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("no JSON for " + value.getClass().getName() + " " + value);
        }
    }

    /** A JSON string with everything outside printable ASCII escaped. */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

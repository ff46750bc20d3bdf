package dev.conference.helm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text composed of a common template and one fragment, line by line, so that comments stay as written.
 *
 * <p>Directives are whole lines starting with {@code #@}; every other line is text.
 * <ul>
 *   <li>{@code #@# ...}: a note about the file itself, left out of the result (template and fragment);</li>
 *   <li>{@code #@ required NAME} (template): the fragment's slot NAME goes here; the fragment must give it;</li>
 *   <li>{@code #@ slot NAME} ... {@code #@ end}: in the template, lines used unless the fragment gives slot NAME;
 *       in the fragment, the lines of slot NAME (blank lines included);</li>
 *   <li>{@code #@ value NAME: TEXT} (fragment): {@code ${NAME}} in the result's lines becomes TEXT.</li>
 * </ul>
 * Anything the fragment gives must be used, and every {@code ${NAME}} must have a value: a misspelt name fails.
 */
final class SlotTemplate {

    private static final Pattern VALUE = Pattern.compile("#@ value ([A-Za-z][A-Za-z0-9]*): (.*)");
    private static final Pattern SLOT = Pattern.compile("#@ slot ([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern REQUIRED = Pattern.compile("#@ required ([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final String END = "#@ end";
    private static final String NOTE = "#@#";

    /** What one fragment gives: values for placeholders and the lines of slots. */
    record Fragment(Map<String, String> values, Map<String, List<String>> slots) {
    }

    private SlotTemplate() {
    }

    static Fragment parseFragment(String name, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> slots = new LinkedHashMap<>();
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher value = VALUE.matcher(line);
            Matcher slot = SLOT.matcher(line);
            if (line.isBlank() || line.startsWith(NOTE)) {
                continue;
            }
            if (value.matches()) {
                if (values.put(value.group(1), value.group(2)) != null) {
                    throw new IllegalArgumentException(where(name, i) + "value " + value.group(1) + " given twice");
                }
            } else if (slot.matches()) {
                List<String> body = new ArrayList<>();
                int end = bodyOf(name, lines, i, body);
                if (slots.put(slot.group(1), body) != null) {
                    throw new IllegalArgumentException(where(name, i) + "slot " + slot.group(1) + " given twice");
                }
                i = end;
            } else {
                throw new IllegalArgumentException(where(name, i) + "text outside a slot: " + line);
            }
        }
        return new Fragment(values, slots);
    }

    /** The template with the fragment's slots and values in place; {@code builtins} are values every fragment has. */
    static String compose(String templateName, String template, String fragmentName, Fragment fragment,
            Map<String, String> builtins) {
        Set<String> unusedSlots = new HashSet<>(fragment.slots().keySet());
        List<String> out = new ArrayList<>();
        List<String> lines = lines(template);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher required = REQUIRED.matcher(line);
            Matcher slot = SLOT.matcher(line);
            if (line.startsWith(NOTE)) {
                continue;
            }
            if (required.matches()) {
                List<String> given = fragment.slots().get(required.group(1));
                if (given == null) {
                    throw new IllegalArgumentException(fragmentName + ": gives no slot " + required.group(1) + ", which "
                            + templateName + " requires");
                }
                out.addAll(given);
                unusedSlots.remove(required.group(1));
            } else if (slot.matches()) {
                List<String> fallback = new ArrayList<>();
                i = bodyOf(templateName, lines, i, fallback);
                List<String> given = fragment.slots().get(slot.group(1));
                out.addAll(given == null ? fallback : given);
                unusedSlots.remove(slot.group(1));
            } else if (line.startsWith("#@")) {
                throw new IllegalArgumentException(where(templateName, i) + "unknown directive: " + line);
            } else {
                out.add(line);
            }
        }
        if (!unusedSlots.isEmpty()) {
            throw new IllegalArgumentException(fragmentName + ": slots " + unusedSlots + " are not in " + templateName);
        }
        Map<String, String> values = new LinkedHashMap<>(fragment.values());
        values.putAll(builtins);
        return substitute(fragmentName, String.join("\n", out) + "\n", values, fragment.values().keySet());
    }

    private static String substitute(String fragmentName, String text, Map<String, String> values, Set<String> mustBeUsed) {
        Set<String> unused = new HashSet<>(mustBeUsed);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(fragmentName + ": no value for ${" + m.group(1) + "}");
            }
            unused.remove(m.group(1));
            m.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        m.appendTail(result);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(fragmentName + ": values " + unused + " are used nowhere");
        }
        return result.toString();
    }

    /** Collects the lines after the slot line at {@code start} up to its {@code #@ end}; returns the end's index. */
    private static int bodyOf(String name, List<String> lines, int start, List<String> body) {
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals(END)) {
                return i;
            }
            if (line.startsWith("#@") && !line.startsWith(NOTE)) {
                throw new IllegalArgumentException(where(name, i) + "a directive inside the slot that starts on line "
                        + (start + 1) + ": " + line);
            }
            if (!line.startsWith(NOTE)) {
                body.add(line);
            }
        }
        throw new IllegalArgumentException(where(name, start) + "slot without " + END);
    }

    private static List<String> lines(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a text file must end with a line break");
        }
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private static String where(String name, int index) {
        return name + ":" + (index + 1) + ": ";
    }
}

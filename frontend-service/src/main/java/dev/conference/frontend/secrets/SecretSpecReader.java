package dev.conference.frontend.secrets;

import dev.conference.frontend.secrets.SecretSpec.BcryptOf;
import dev.conference.frontend.secrets.SecretSpec.KeySpec;
import dev.conference.frontend.secrets.SecretSpec.Random;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads the list of Secrets from its JSON form and refuses anything the run could not carry out, with a
 * message that says where and what:
 * <pre>
 * {"secrets": [
 *   {"name": "passwords", "labels": {}, "annotations": {}, "prune": true, "keys": {"olivia": {"random": 24}}},
 *   {"name": "hashes", "keys": {"olivia": {"bcryptOf": {"secret": "passwords", "key": "olivia"}}}}]}
 * </pre>
 * {@code labels}, {@code annotations} and {@code prune} may be left out. A {@code bcryptOf} names a
 * {@code random} key of a Secret listed before it, so that Secret's values are settled when the hash is made.
 */
final class SecretSpecReader {

    // Kubernetes object names (DNS subdomains) and Secret data keys
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final int MAX_NAME_LENGTH = 253;
    private static final Set<String> TOP_FIELDS = Set.of("secrets");
    private static final Set<String> SECRET_FIELDS = Set.of("name", "labels", "annotations", "prune", "keys");
    private static final Set<String> KEY_FIELDS = Set.of("random", "bcryptOf");
    private static final Set<String> BCRYPT_FIELDS = Set.of("secret", "key");

    private final String source;

    private SecretSpecReader(String source) {
        this.source = source;
    }

    /** The Secrets listed in {@code json}, in order; {@code source} names the input in messages. */
    static List<SecretSpec> read(String source, String json) {
        return new SecretSpecReader(source).read(json);
    }

    private List<SecretSpec> read(String json) {
        if (json == null || json.isBlank()) {
            throw new ReleaseSecretsException(source + " is not set: it must hold the JSON list of Secrets to make");
        }
        Object root;
        try {
            root = Json.read(json);
        } catch (JacksonException e) {
            throw new ReleaseSecretsException(source + " is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("secrets") instanceof List<?> secrets)) {
            throw invalid("expected an object with a list \"secrets\"");
        }
        onlyFields(top, TOP_FIELDS, "the top level");
        List<SecretSpec> specs = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            specs.add(secret(secrets.get(i), "secrets[" + i + "]", specs));
        }
        return List.copyOf(specs);
    }

    private SecretSpec secret(Object value, String where, List<SecretSpec> earlier) {
        if (!(value instanceof Map<?, ?> node)) {
            throw invalid(where + " must be an object");
        }
        if (!(node.get("name") instanceof String name) || !isName(name)) {
            throw invalid(where + ": \"name\" must be a Secret name (lower-case letters, digits, '-' and '.')");
        }
        String secret = "Secret " + name;
        onlyFields(node, SECRET_FIELDS, secret);
        if (earlier.stream().anyMatch(spec -> spec.name().equals(name))) {
            throw invalid(secret + " is listed twice");
        }
        if (node.containsKey("prune") && !(node.get("prune") instanceof Boolean)) {
            throw invalid(secret + ": \"prune\" must be true or false");
        }
        if (!(node.get("keys") instanceof Map<?, ?> keys) || keys.isEmpty()) {
            throw invalid(secret + ": \"keys\" must be an object with at least one key");
        }
        Map<String, KeySpec> keySpecs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> key : keys.entrySet()) {
            String keyName = (String) key.getKey();
            String keyWhere = secret + ", key " + keyName;
            if (!DATA_KEY.matcher(keyName).matches() || keyName.length() > MAX_NAME_LENGTH) {
                throw invalid(keyWhere + ": a key may hold only letters, digits, '-', '_' and '.'");
            }
            keySpecs.put(keyName, keySpec(key.getValue(), keyWhere, earlier));
        }
        return new SecretSpec(name, strings(node, "labels", secret), strings(node, "annotations", secret),
                Boolean.TRUE.equals(node.get("prune")), keySpecs);
    }

    private KeySpec keySpec(Object value, String where, List<SecretSpec> earlier) {
        if (!(value instanceof Map<?, ?> node) || node.size() != 1 || !KEY_FIELDS.containsAll(node.keySet())) {
            throw invalid(where + ": give either {\"random\": <length>} or {\"bcryptOf\": {\"secret\": <name>, \"key\": <key>}}");
        }
        return node.containsKey("random") ? random(node.get("random"), where) : bcryptOf(node.get("bcryptOf"), where, earlier);
    }

    private Random random(Object length, String where) {
        if (!(length instanceof Integer n) || n < Random.MIN_LENGTH || n > Random.MAX_LENGTH) {
            throw invalid(where + ": \"random\" must be a whole number from " + Random.MIN_LENGTH + " to "
                    + Random.MAX_LENGTH + ", not " + Json.write(length));
        }
        return new Random(n);
    }

    private BcryptOf bcryptOf(Object value, String where, List<SecretSpec> earlier) {
        if (!(value instanceof Map<?, ?> node) || !(node.get("secret") instanceof String secret)
                || !(node.get("key") instanceof String key)) {
            throw invalid(where + ": \"bcryptOf\" must be {\"secret\": <name>, \"key\": <key>}");
        }
        onlyFields(node, BCRYPT_FIELDS, where + ": \"bcryptOf\"");
        SecretSpec source = earlier.stream().filter(spec -> spec.name().equals(secret)).findFirst()
                .orElseThrow(() -> invalid(where + ": \"bcryptOf\" names Secret " + secret
                        + ", which is not listed before this one"));
        KeySpec sourceKey = source.keys().get(key);
        if (sourceKey == null) {
            throw invalid(where + ": \"bcryptOf\" names key " + key + " of Secret " + secret + ", which has no such key");
        }
        if (!(sourceKey instanceof Random random)) {
            throw invalid(where + ": \"bcryptOf\" must name a \"random\" key, and key " + key + " of Secret " + secret
                    + " is not one");
        }
        if (random.length() > BcryptOf.MAX_PASSWORD_BYTES) {
            throw invalid(where + ": bcrypt takes at most " + BcryptOf.MAX_PASSWORD_BYTES + " characters, and key "
                    + key + " of Secret " + secret + " has " + random.length());
        }
        return new BcryptOf(secret, key);
    }

    private Map<String, String> strings(Map<?, ?> node, String field, String where) {
        if (!node.containsKey(field)) {
            return Map.of();
        }
        if (!(node.get(field) instanceof Map<?, ?> object)) {
            throw invalid(where + ": \"" + field + "\" must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (!(entry.getValue() instanceof String value)) {
                throw invalid(where + ": " + field + "." + entry.getKey() + " must be a string");
            }
            values.put((String) entry.getKey(), value);
        }
        return values;
    }

    private void onlyFields(Map<?, ?> node, Set<String> known, String where) {
        for (Object field : node.keySet()) {
            if (!known.contains(field)) {
                throw invalid(where + ": unknown field \"" + field + "\" (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static boolean isName(String name) {
        return name.length() <= MAX_NAME_LENGTH && SECRET_NAME.matcher(name).matches();
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private ReleaseSecretsException invalid(String problem) {
        return new ReleaseSecretsException(source + ": " + problem);
    }
}

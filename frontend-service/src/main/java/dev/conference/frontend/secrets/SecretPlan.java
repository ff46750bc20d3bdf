package dev.conference.frontend.secrets;

import dev.conference.frontend.secrets.SecretSpec.BcryptOf;
import dev.conference.frontend.secrets.SecretSpec.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one Secret needs to match its spec, given the data it has: values for the keys it lacks, new
 * hashes where the password they hash was made in this run, and, when pruned, the keys it should not
 * have. Every other value stays as it is.
 */
record SecretPlan(Map<String, String> added, Map<String, String> regenerated, Set<String> removed) {

    static SecretPlan of(SecretSpec spec, Map<String, String> current, SecretValues values) {
        Map<String, String> added = new LinkedHashMap<>();
        Map<String, String> regenerated = new LinkedHashMap<>();
        spec.keys().forEach((key, keySpec) -> {
            if (!current.containsKey(key)) {
                added.put(key, values.make(spec.name(), key, keySpec));
            } else if (hashesPasswordMadeInThisRun(keySpec, values)) {
                regenerated.put(key, values.make(spec.name(), key, keySpec));
            }
        });
        Set<String> removed = new LinkedHashSet<>();
        if (spec.prune()) {
            current.keySet().stream().filter(key -> !spec.keys().containsKey(key)).forEach(removed::add);
        }
        return new SecretPlan(added, regenerated, removed);
    }

    private static boolean hashesPasswordMadeInThisRun(KeySpec keySpec, SecretValues values) {
        return keySpec instanceof BcryptOf hash && values.madeInThisRun(hash.secret(), hash.key());
    }

    boolean changesNothing() {
        return added.isEmpty() && regenerated.isEmpty() && removed.isEmpty();
    }

    /** The values to write: the added keys and the regenerated ones. */
    Map<String, String> writes() {
        Map<String, String> writes = new LinkedHashMap<>(added);
        writes.putAll(regenerated);
        return writes;
    }

    /** The data a Secret holding {@code current} has after this plan. */
    Map<String, String> applyTo(Map<String, String> current) {
        Map<String, String> result = new LinkedHashMap<>(current);
        result.putAll(writes());
        result.keySet().removeAll(removed);
        return result;
    }

    /** The keys changed, as in {@code added: a, b; regenerated: c; removed: d}; no values. */
    String summary() {
        List<String> parts = new ArrayList<>();
        addPart(parts, "added", added.keySet());
        addPart(parts, "regenerated", regenerated.keySet());
        addPart(parts, "removed", removed);
        return String.join("; ", parts);
    }

    private static void addPart(List<String> parts, String label, Set<String> keys) {
        if (!keys.isEmpty()) {
            parts.add(label + ": " + String.join(", ", keys));
        }
    }

    @Override
    public String toString() {
        return "SecretPlan[" + summary() + "]";
    }
}

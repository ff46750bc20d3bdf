package dev.conference.helm;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Stands in for the secrets Jobs where no cluster runs them: the Secrets their RELEASE_SECRETS describe, made
 * as frontend-service's ReleaseSecrets makes them on a first install (random letters and digits, bcrypt hashes
 * of them). The program itself is tested in frontend-service, and run in its image by the container tests.
 */
public final class GeneratedSecrets {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecrets() {
    }

    /** The release with the Secrets its Jobs would create on a first install. */
    public static Manifests firstInstall(Manifests release) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        var bcrypt = new BCryptPasswordEncoder(4);
        for (Map<String, Object> spec : release.generatedSecretSpecs()) {
            String name = (String) spec.get("name");
            Map<String, String> data = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> keys = (Map<String, Map<String, Object>>) spec.get("keys");
            keys.forEach((key, how) -> {
                if (how.get("random") instanceof Number length) {
                    data.put(key, random(length.intValue()));
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, String> of = (Map<String, String>) how.get("bcryptOf");
                    data.put(key, "{bcrypt}" + bcrypt.encode(values.get(of.get("secret")).get(of.get("key"))));
                }
            });
            values.put(name, data);
        }
        return release.withSecrets(values);
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * "helm upgrade" never changes a generated password, and "helm uninstall" never deletes the database.
 *
 * <p>The cluster's part is played through the lookup stand-in described in {@link Charts}: a second
 * render is given the Secrets of the first as what is already in the cluster.
 */
class UpgradeSafetyTest {

    private static final String GENERATED = "conference-platform.dev/generated";

    @Test
    void generatedSecretsAreKeptWhenTheReleaseIsUpgraded() throws IOException {
        Map<String, Map<String, String>> installed = generatedSecrets(Charts.umbrella("default"));
        assertThat(installed).containsOnlyKeys("conference-postgresql", "conference-redis",
                "conference-frontend-service-organizers", "conference-frontend-service-organizer-passwords");

        Map<String, Map<String, String>> upgraded = generatedSecrets(renderWithClusterSecrets(installed));

        assertThat(upgraded).isEqualTo(installed);
    }

    @Test
    void withoutAnExistingSecretEveryInstallGetsFreshRandomValues() {
        Map<String, Map<String, String>> first = generatedSecrets(Charts.umbrella("default"));
        Map<String, Map<String, String>> second = generatedSecrets(Charts.umbrella(Map.of("global.publicUrl", "http://localhost:80")));
        for (String secret : first.keySet()) {
            assertThat(second.get(secret)).as(secret).isNotEqualTo(first.get(secret));
        }
        assertThat(decode(first.get("conference-postgresql").get("password"))).hasSize(32).matches("[A-Za-z0-9]+");
    }

    @Test
    void anOrganizerAddedLaterGetsALoginAndTheOthersKeepTheirs() throws IOException {
        Map<String, Map<String, String>> installed = generatedSecrets(Charts.umbrella("default"));
        Path values = Files.createTempFile(Path.of(System.getProperty("chart.work", "target")).getParent(), "organizers", ".yaml");
        Files.writeString(values, Serialization.asYaml(Map.of(
                "global", Map.of("testClusterSecrets", asClusterSecrets(installed)),
                "frontend-service", Map.of("organizers", Map.of("usernames", List.of("organizer", "olivia"))))));
        Map<String, Map<String, String>> upgraded = generatedSecrets(
                Manifests.parse(Charts.render("conference-platform", List.of(values), Map.of())));

        Map<String, String> hashes = upgraded.get("conference-frontend-service-organizers");
        Map<String, String> passwords = upgraded.get("conference-frontend-service-organizer-passwords");
        assertThat(hashes).containsOnlyKeys("organizer", "olivia");
        assertThat(hashes.get("organizer")).isEqualTo(installed.get("conference-frontend-service-organizers").get("organizer"));
        var bcrypt = new BCryptPasswordEncoder();
        for (String user : List.of("organizer", "olivia")) {
            String hash = decode(hashes.get(user));
            assertThat(hash).as(user).matches("\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
            assertThat(bcrypt.matches(decode(passwords.get(user)), hash.substring("{bcrypt}".length())))
                    .as("%s's hash is the hash of their password", user).isTrue();
        }
    }

    @Test
    void theDatabaseVolumeAndItsPasswordSurviveUninstall() {
        var m = Charts.umbrella("default");
        for (String store : List.of("postgresql", "redis")) {
            PersistentVolumeClaim claim = m.get(PersistentVolumeClaim.class, "conference-" + store + "-data");
            assertThat(claim.getMetadata().getAnnotations()).as(store).containsEntry("helm.sh/resource-policy", "keep");
            StatefulSet set = m.get(StatefulSet.class, "conference-" + store);
            assertThat(set.getSpec().getVolumeClaimTemplates()).as("%s: the claim is the chart's, not the StatefulSet's", store).isNullOrEmpty();
            assertThat(set.getSpec().getTemplate().getSpec().getVolumes())
                    .anyMatch(v -> v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName().equals(claim.getMetadata().getName()));
        }
        // The data directory only knows the password it was created with: the Secret must outlive the release too.
        assertThat(m.get(Secret.class, "conference-postgresql").getMetadata().getAnnotations())
                .containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void theVolumeGoesWithTheReleaseOnlyWhenAskedFor() {
        var m = Charts.umbrella(Map.of("postgresql.persistence.keepOnUninstall", "false"));
        assertThat(m.get(PersistentVolumeClaim.class, "conference-postgresql-data").getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void anExistingClaimIsUsedAsItIs() {
        var m = Charts.umbrella(Map.of("postgresql.persistence.existingClaim", "old-c4p-data"));
        assertThat(m.find(PersistentVolumeClaim.class, "conference-postgresql-data")).isEmpty();
        assertThat(m.get(StatefulSet.class, "conference-postgresql").getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName().equals("old-c4p-data"));
    }

    private static Manifests renderWithClusterSecrets(Map<String, Map<String, String>> secrets) throws IOException {
        Path values = Files.createTempFile(Path.of(System.getProperty("chart.work", "target")).getParent(), "cluster", ".yaml");
        Files.writeString(values, Serialization.asYaml(Map.of("global", Map.of("testClusterSecrets", asClusterSecrets(secrets)))));
        return Manifests.parse(Charts.render("conference-platform", List.of(values), Map.of()));
    }

    private static Map<String, Object> asClusterSecrets(Map<String, Map<String, String>> secrets) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        secrets.forEach((name, data) -> cluster.put(name, Map.of("data", data)));
        return cluster;
    }

    private static Map<String, Map<String, String>> generatedSecrets(Manifests m) {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Secret s : m.all(Secret.class)) {
            if (s.getMetadata().getAnnotations() != null && "true".equals(s.getMetadata().getAnnotations().get(GENERATED))) {
                secrets.put(s.getMetadata().getName(), Map.copyOf(s.getData()));
            }
        }
        return secrets;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "helm upgrade" and a GitOps sync never change a generated password, and "helm uninstall" never deletes the
 * database. No generated value is in a render: the secrets Jobs create the Secrets once (their program keeps
 * every existing value; see frontend-service's ReleaseSecretsTest), so rendering again changes nothing.
 */
class UpgradeSafetyTest {

    /** Template functions whose result differs between two renders of the same values, or needs a cluster. */
    private static final Pattern UNSTABLE = Pattern.compile("\\b(lookup|randAlphaNum|randAlpha|randNumeric|randAscii|randBytes|"
            + "bcrypt|htpasswd|genPrivateKey|genCA|genSelfSignedCert|genSignedCert|uuidv4|now|date)\\b");

    @Test
    void twoRendersOfTheSameValuesAreByteIdentical() {
        for (String variant : Charts.variants()) {
            List<Path> values = Charts.valuesOf(variant);
            String first = Charts.renderAgain("conference-platform", values, Map.of());
            String second = Charts.renderAgain("conference-platform", values, Map.of());
            assertThat(second).as(variant).isEqualTo(first);
        }
    }

    @Test
    void noTemplateCallsAFunctionWhoseResultChangesFromRenderToRender() throws IOException {
        for (String chart : Charts.allCharts()) {
            try (Stream<Path> files = Files.walk(Charts.source(chart).resolve("templates"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    var actions = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL).matcher(text);
                    while (actions.find()) {
                        String action = actions.group(1);
                        if (action.strip().startsWith("/*") || action.strip().startsWith("- /*")) {
                            continue;
                        }
                        assertThat(UNSTABLE.matcher(action).find()).as("%s: {{%s}}", Charts.root().relativize(file), action).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void theSecretsJobsMakeEveryGeneratedSecretOnceAndKeepTheOrganizersInStepWithTheList() {
        Manifests m = Charts.umbrella(Map.of("frontend-service.organizers.usernames[0]", "organizer",
                "frontend-service.organizers.usernames[1]", "olivia"));
        var specs = m.generatedSecretSpecs();
        assertThat(specs).extracting(s -> s.get("name")).containsExactlyInAnyOrder("conference-postgresql", "conference-redis",
                "conference-frontend-service-organizer-passwords", "conference-frontend-service-organizers");
        for (var spec : specs) {
            @SuppressWarnings("unchecked")
            Map<String, Object> keys = (Map<String, Object>) spec.get("keys");
            if (spec.get("name").toString().contains("organizer")) {
                assertThat(keys.keySet()).as("%s", spec.get("name")).containsExactlyInAnyOrder("organizer", "olivia");
                assertThat(spec.get("prune")).as("a user taken off the list loses the login").isEqualTo(true);
            } else {
                assertThat(keys).containsOnlyKeys("password");
                assertThat(spec.get("prune")).as("a store's Secret keeps whatever else the operator put in it").isNull();
            }
        }
        String hashes = specs.stream().filter(s -> s.get("name").equals("conference-frontend-service-organizers")).findFirst()
                .orElseThrow().toString();
        assertThat(hashes).contains("bcryptOf").contains("conference-frontend-service-organizer-passwords");
    }

    @Test
    void anOperatorsOwnSecretsLeaveTheJobsNothingToDo() {
        Manifests m = Charts.umbrella("external");
        assertThat(m.generatedSecretSpecs()).isEmpty();
        assertThat(m.workloads()).noneMatch(w -> w.component().endsWith("-secrets"));
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
        // The data directory only knows the password it was created with: its Secret is made by the Job, outside the release.
        assertThat(m.generatedSecretSpecs()).anyMatch(s -> s.get("name").equals("conference-postgresql"));
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
}

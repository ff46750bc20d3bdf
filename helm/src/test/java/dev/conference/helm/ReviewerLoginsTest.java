package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reviewers, the back office's second kind of login (frontend-service's {@code reviewers.*}, configured as
 * organizers are): their hashes reach the pods as {@code frontend.reviewers.<name>}, the secrets Job makes and
 * prunes them, its Role names their Secrets, Reloader watches them, NOTES tells the operator where the passwords
 * are; without reviewers nothing of it is rendered.
 */
class ReviewerLoginsTest {

    private static final String FRONTEND_JOB = "conference-frontend-service-secrets";
    private static final String ORGANIZERS = "conference-frontend-service-organizers";
    private static final String ORGANIZER_PASSWORDS = "conference-frontend-service-organizer-passwords";
    private static final String REVIEWERS = "conference-frontend-service-reviewers";
    private static final String REVIEWER_PASSWORDS = "conference-frontend-service-reviewer-passwords";

    static List<String> variants() {
        return Charts.variants();
    }

    @Test
    void eachReviewerGetsTheHashOfAGeneratedPasswordAsAFrontendReviewersSetting() {
        Manifests m = Charts.umbrella(reviewers("rita", "ravi"));
        Container frontend = frontend(m);

        assertThat(secretRef(frontend, "FRONTEND_REVIEWERS_RITA")).isEqualTo(REVIEWERS + "/rita");
        assertThat(secretRef(frontend, "FRONTEND_REVIEWERS_RAVI")).isEqualTo(REVIEWERS + "/ravi");
        assertThat(secretRef(frontend, "FRONTEND_ORGANIZERS_ORGANIZER")).as("the organizers stay as they are")
                .isEqualTo(ORGANIZERS + "/organizer");

        Manifests installed = GeneratedSecrets.firstInstall(m);
        Map<String, String> environment = installed.environment(frontend(installed));
        assertThat(environment.get("FRONTEND_REVIEWERS_RITA")).startsWith("{bcrypt}$2a$");
        assertThat(environment.get("FRONTEND_REVIEWERS_RAVI")).startsWith("{bcrypt}$2a$")
                .isNotEqualTo(environment.get("FRONTEND_REVIEWERS_RITA"));
        assertThat(installed.secretData(REVIEWER_PASSWORDS)).containsOnlyKeys("rita", "ravi");
    }

    @Test
    void theSecretsJobMakesTheReviewersPasswordsAndHashesPrunedWithTheList() {
        Map<String, Map<String, Object>> specs = specsByName(Charts.umbrella(reviewers("rita", "ravi")));

        assertThat(specs).containsOnlyKeys("conference-postgresql", "conference-redis",
                ORGANIZER_PASSWORDS, ORGANIZERS, REVIEWER_PASSWORDS, REVIEWERS);
        assertThat(keys(specs.get(REVIEWER_PASSWORDS))).containsOnly(
                Map.entry("rita", Map.of("random", 24)), Map.entry("ravi", Map.of("random", 24)));
        assertThat(keys(specs.get(REVIEWERS))).containsOnly(
                Map.entry("rita", Map.of("bcryptOf", Map.of("secret", REVIEWER_PASSWORDS, "key", "rita"))),
                Map.entry("ravi", Map.of("bcryptOf", Map.of("secret", REVIEWER_PASSWORDS, "key", "ravi"))));
        assertThat(specs.get(REVIEWER_PASSWORDS).get("prune")).as("a reviewer taken off the list loses the login").isEqualTo(true);
        assertThat(specs.get(REVIEWERS).get("prune")).isEqualTo(true);
        assertThat(keys(specs.get(ORGANIZERS))).containsOnlyKeys("organizer");
    }

    @Test
    void theJobsRoleMayReadAndChangeExactlyTheSecretsItMakes() {
        Role role = Charts.umbrella(reviewers("rita")).get(Role.class, FRONTEND_JOB);

        assertThat(role.getRules()).extracting(PolicyRule::getVerbs).containsExactly(List.of("create"), List.of("get", "patch"));
        assertThat(role.getRules().get(1).getResourceNames())
                .containsExactly(ORGANIZER_PASSWORDS, ORGANIZERS, REVIEWER_PASSWORDS, REVIEWERS);
        assertThat(Charts.umbrella("default").get(Role.class, FRONTEND_JOB).getRules().get(1).getResourceNames())
                .as("without reviewers").containsExactly(ORGANIZER_PASSWORDS, ORGANIZERS);
    }

    @Test
    void reloaderRollsTheFrontendWhenTheReviewersSecretChanges() {
        Map<String, String> sets = reviewers("rita");
        assertThat(reloaded(Charts.umbrella(sets))).contains(REVIEWERS, ORGANIZERS);

        sets.put("frontend-service.reviewers.existingSecret", "committee-logins");
        assertThat(reloaded(Charts.umbrella(sets))).contains("committee-logins", ORGANIZERS).doesNotContain(REVIEWERS);
    }

    @Test
    void reviewersFromTheOperatorsSecretLeaveTheJobOnlyTheOrganizers() {
        Map<String, String> sets = reviewers("rita");
        sets.put("frontend-service.reviewers.existingSecret", "committee-logins");
        Manifests m = Charts.umbrella(sets);

        assertThat(secretRef(frontend(m), "FRONTEND_REVIEWERS_RITA")).isEqualTo("committee-logins/rita");
        assertThat(specsByName(m)).containsOnlyKeys("conference-postgresql", "conference-redis", ORGANIZER_PASSWORDS, ORGANIZERS);
        assertThat(m.get(Role.class, FRONTEND_JOB).getRules().get(1).getResourceNames()).doesNotContain("committee-logins");
    }

    @Test
    void generatedReviewersNextToTheOperatorsOrganizersStillGetTheJob() {
        Map<String, String> sets = reviewers("rita");
        sets.put("frontend-service.organizers.existingSecret", "organizer-logins");
        Manifests m = Charts.umbrella(sets);

        assertThat(specsByName(m)).containsOnlyKeys("conference-postgresql", "conference-redis", REVIEWER_PASSWORDS, REVIEWERS);
        assertThat(m.get(Role.class, FRONTEND_JOB).getRules().get(1).getResourceNames()).containsExactly(REVIEWER_PASSWORDS, REVIEWERS);
        assertThat(secretRef(frontend(m), "FRONTEND_ORGANIZERS_ORGANIZER")).isEqualTo("organizer-logins/organizer");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void withoutReviewersNothingOfThemIsRendered(String variant) {
        assertThat(Charts.umbrellaYaml(variant)).as(variant).doesNotContainIgnoringCase("reviewer");
    }

    @Test
    void aNameInBothListsStopsTheRenderSayingTheOrganizerReviewsToo() {
        Map<String, String> sets = reviewers("rita", "olivia");
        sets.put("frontend-service.organizers.usernames[0]", "organizer");
        sets.put("frontend-service.organizers.usernames[1]", "olivia");

        assertThatThrownBy(() -> Charts.umbrella(sets))
                .hasMessageContaining("reviewers.usernames and organizers.usernames both name olivia")
                .hasMessageContaining("a reviewer who is also an organizer is just an organizer");
        assertThatThrownBy(() -> Charts.render("frontend-service", List.of(), Map.of(
                "reviewers.usernames[0]", "organizer")))
                .as("the service chart alone, with its default organizer")
                .hasMessageContaining("both name organizer");
    }

    @Test
    void theSchemaRefusesAReviewerNameThatCannotBeAnEnvironmentVariable() {
        assertThatThrownBy(() -> Charts.umbrella(reviewers("Rita")))
                .hasMessageContaining("schema").hasMessageContaining("reviewers");
    }

    @Test
    void theOidcGroupsThatMakeOrganizersAndReviewersAreSettingsOfTheService() {
        Map<String, String> oidc = new LinkedHashMap<>(Map.of(
                "frontend-service.oidc.enabled", "true",
                "frontend-service.oidc.issuerUri", "https://login.example.org/realms/conference",
                "frontend-service.oidc.clientId", "conference-platform",
                "frontend-service.oidc.existingSecret", "oidc-client",
                "frontend-service.oidc.egressCidrs[0]", "198.51.100.0/24"));
        Manifests defaults = Charts.umbrella(oidc);
        assertThat(defaults.environmentNames(frontend(defaults))).as("empty: the service's own defaults")
                .doesNotContain("FRONTEND_OIDC_ORGANIZERSVALUE", "FRONTEND_OIDC_REVIEWERSVALUE");

        oidc.put("frontend-service.oidc.organizersValue", "programme-chairs");
        oidc.put("frontend-service.oidc.reviewersValue", "programme-committee");
        Manifests m = Charts.umbrella(oidc);
        assertThat(m.environmentValue(frontend(m), "FRONTEND_OIDC_ORGANIZERSVALUE")).contains("programme-chairs");
        assertThat(m.environmentValue(frontend(m), "FRONTEND_OIDC_REVIEWERSVALUE")).contains("programme-committee");
    }

    @Test
    void theNotesTellTheOperatorHowToReadEachReviewersPassword() {
        String notes = Charts.notes(reviewers("rita", "ravi"));

        assertThat(notes).contains("Reviewers (they score proposals, they do not decide)")
                .contains("user \"rita\"", "user \"ravi\"")
                .contains("kubectl -n conference get secret " + REVIEWER_PASSWORDS + " -o jsonpath='{.data.rita}' | base64 -d")
                .contains("kubectl -n conference get secret " + REVIEWER_PASSWORDS + " -o jsonpath='{.data.ravi}' | base64 -d");
        assertThat(Charts.notes(Map.of())).contains(ORGANIZER_PASSWORDS).doesNotContainIgnoringCase("reviewer");

        Map<String, String> own = reviewers("rita");
        own.put("frontend-service.reviewers.existingSecret", "committee-logins");
        assertThat(Charts.notes(own)).contains("with the reviewers in your Secret \"committee-logins\"")
                .doesNotContain(REVIEWER_PASSWORDS);
    }

    private static Map<String, String> reviewers(String... names) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            sets.put("frontend-service.reviewers.usernames[" + i + "]", names[i]);
        }
        return sets;
    }

    private static Container frontend(Manifests m) {
        return m.workload("frontend-service").pod().getContainers().stream().filter(c -> c.getName().equals("frontend-service"))
                .findFirst().orElseThrow();
    }

    /** "secret/key" of the Secret an env entry is taken from. */
    private static String secretRef(Container container, String name) {
        EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
        var ref = env.getValueFrom().getSecretKeyRef();
        return ref.getName() + "/" + ref.getKey();
    }

    private static Map<String, Map<String, Object>> specsByName(Manifests m) {
        Map<String, Map<String, Object>> specs = new LinkedHashMap<>();
        m.generatedSecretSpecs().forEach(spec -> specs.put((String) spec.get("name"), spec));
        return specs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> keys(Map<String, Object> spec) {
        return (Map<String, Object>) spec.get("keys");
    }

    private static Set<String> reloaded(Manifests m) {
        var annotations = m.workload("frontend-service").owner().getMetadata().getAnnotations();
        return new TreeSet<>(List.of(annotations.get("secret.reloader.stakater.com/reload").split(",")));
    }
}

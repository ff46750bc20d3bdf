package dev.conference.frontend.secrets;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.FakeKubernetesApi;
import dev.conference.testsupport.FakeKubernetesApi.Request;
import dev.conference.testsupport.FakeKubernetesApi.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** ReleaseSecrets against an in-memory Kubernetes API: what it creates, keeps, adds and removes, and how it fails. */
class ReleaseSecretsTest {

    private static final String NAMESPACE = "conference";
    private static final String DATABASE = "conference-postgresql";
    private static final String PASSWORDS = "conference-frontend-service-organizer-passwords";
    private static final String ORGANIZERS = "conference-frontend-service-organizers";
    private static final String REVIEWER_PASSWORDS = "conference-frontend-service-reviewer-passwords";
    private static final String REVIEWERS = "conference-frontend-service-reviewers";
    /** What the first run for the organizers "organizer" and "olivia" reports. */
    private static final List<String> FIRST_RUN_REPORT = List.of(
            "created Secret " + DATABASE + " (keys: password)",
            "created Secret " + PASSWORDS + " (keys: organizer, olivia)",
            "created Secret " + ORGANIZERS + " (keys: organizer, olivia)");
    private static final String ALPHANUMERIC = "[A-Za-z0-9]+";

    private final FakeKubernetesApi api = FakeKubernetesApi.start(NAMESPACE);
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final List<Run> runs = new ArrayList<>();

    private record Run(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void firstRunCreatesEverySecretWithHashesOfItsPasswords() {
        Run run = run(spec("organizer", "olivia"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactlyElementsOf(FIRST_RUN_REPORT);
        Map<String, Map<String, String>> secrets = api.secrets();
        assertThat(secrets.get(DATABASE).get("password")).hasSize(32).matches(ALPHANUMERIC);
        assertThat(secrets.get(PASSWORDS).values()).allSatisfy(password -> assertThat(password).hasSize(24).matches(ALPHANUMERIC));
        assertThat(secrets.get(PASSWORDS).get("organizer")).isNotEqualTo(secrets.get(PASSWORDS).get("olivia"));
        assertHashesMatchPasswords("organizer", "olivia");
        Secret database = api.secret(DATABASE);
        assertThat(database.type()).isEqualTo("Opaque");
        assertThat(database.labels()).containsExactly(Map.entry("app.kubernetes.io/part-of", "conference-platform"));
        assertThat(database.annotations()).containsExactly(Map.entry("conference-platform.dev/generated", "true"));
        assertThat(api.requests()).extracting(Request::toString).containsExactly(
                "GET " + secretPath(DATABASE), "POST " + secretsPath(),
                "GET " + secretPath(PASSWORDS), "POST " + secretsPath(),
                "GET " + secretPath(ORGANIZERS), "POST " + secretsPath());
    }

    @Test
    void secondRunWithTheSameSpecWritesNothing() {
        run(spec("organizer", "olivia"));
        Map<String, Map<String, String>> first = api.secrets();
        api.clearRequests();

        Run second = run(spec("organizer", "olivia"));

        assertThat(second.exitCode()).isZero();
        assertThat(second.outLines()).containsExactly(
                "kept Secret " + DATABASE, "kept Secret " + PASSWORDS, "kept Secret " + ORGANIZERS);
        assertThat(api.requests()).extracting(Request::method).containsOnly("GET");
        assertThat(api.secrets()).isEqualTo(first);
    }

    @Test
    void addingAnOrganizerAddsExactlyThatPasswordAndHash() {
        run(spec("organizer", "olivia"));
        Map<String, Map<String, String>> before = api.secrets();
        api.clearRequests();

        assertReportedAfterRun(spec("organizer", "olivia", "bob"),
                "kept Secret " + DATABASE,
                "updated Secret " + PASSWORDS + " (added: bob)",
                "updated Secret " + ORGANIZERS + " (added: bob)");
        Map<String, Map<String, String>> after = api.secrets();
        assertThat(after.get(DATABASE)).isEqualTo(before.get(DATABASE));
        for (String secret : List.of(PASSWORDS, ORGANIZERS)) {
            assertThat(after.get(secret)).containsAllEntriesOf(before.get(secret)).containsOnlyKeys("organizer", "olivia", "bob");
        }
        assertHashesMatchPasswords("organizer", "olivia", "bob");
        assertThat(api.requests()).extracting(Request::toString)
                .containsExactly("GET " + secretPath(DATABASE),
                        "GET " + secretPath(PASSWORDS), "PATCH " + secretPath(PASSWORDS),
                        "GET " + secretPath(ORGANIZERS), "PATCH " + secretPath(ORGANIZERS));
    }

    @Test
    void removingAnOrganizerPrunesItFromBothSecrets() {
        run(spec("organizer", "olivia"));
        Map<String, Map<String, String>> before = api.secrets();

        assertReportedAfterRun(spec("organizer"),
                "kept Secret " + DATABASE,
                "updated Secret " + PASSWORDS + " (removed: olivia)",
                "updated Secret " + ORGANIZERS + " (removed: olivia)");
        for (String secret : List.of(PASSWORDS, ORGANIZERS)) {
            assertThat(api.secrets().get(secret)).containsExactly(Map.entry("organizer", before.get(secret).get("organizer")));
        }
    }

    @Test
    void aHashWhosePasswordWasDeletedIsMadeAgainWithTheNewPassword() {
        run(spec("organizer", "olivia"));
        Map<String, Map<String, String>> before = api.secrets();
        Map<String, String> passwordsWithoutOlivia = new HashMap<>(before.get(PASSWORDS));
        passwordsWithoutOlivia.remove("olivia");
        api.putSecret(PASSWORDS, passwordsWithoutOlivia);

        assertReportedAfterRun(spec("organizer", "olivia"),
                "kept Secret " + DATABASE,
                "updated Secret " + PASSWORDS + " (added: olivia)",
                "updated Secret " + ORGANIZERS + " (regenerated: olivia)");
        Map<String, Map<String, String>> after = api.secrets();
        assertThat(after.get(PASSWORDS).get("olivia")).isNotEqualTo(before.get(PASSWORDS).get("olivia"));
        assertThat(after.get(ORGANIZERS).get("olivia")).isNotEqualTo(before.get(ORGANIZERS).get("olivia"));
        assertThat(after.get(ORGANIZERS).get("organizer")).isEqualTo(before.get(ORGANIZERS).get("organizer"));
        assertHashesMatchPasswords("organizer", "olivia");
    }

    @Test
    void aDeletedHashIsMadeAgainFromThePasswordThatIsThere() {
        run(spec("organizer", "olivia"));
        Map<String, Map<String, String>> before = api.secrets();
        api.putSecret(ORGANIZERS, Map.of("organizer", before.get(ORGANIZERS).get("organizer")));

        Run run = run(spec("organizer", "olivia"));

        assertThat(run.outLines()).containsExactly("kept Secret " + DATABASE, "kept Secret " + PASSWORDS,
                "updated Secret " + ORGANIZERS + " (added: olivia)");
        assertThat(api.secrets().get(PASSWORDS)).isEqualTo(before.get(PASSWORDS));
        assertHashesMatchPasswords("organizer", "olivia");
    }

    @Test
    void valuesAnOperatorSetAreNeverOverwritten() {
        api.putSecret(DATABASE, Map.of("password", "chosen-by-the-operator", "replication", "also-theirs"));
        api.putSecret(PASSWORDS, Map.of("olivia", "olivias-own-password"));
        String oliviasHash = "{bcrypt}" + bcrypt.encode("a-password-only-the-operator-knows");
        api.putSecret(ORGANIZERS, Map.of("olivia", oliviasHash));

        assertReportedAfterRun(spec("organizer", "olivia"),
                "kept Secret " + DATABASE,
                "updated Secret " + PASSWORDS + " (added: organizer)",
                "updated Secret " + ORGANIZERS + " (added: organizer)");
        Map<String, Map<String, String>> secrets = api.secrets();
        assertThat(secrets.get(DATABASE)).containsOnly(
                Map.entry("password", "chosen-by-the-operator"), Map.entry("replication", "also-theirs"));
        assertThat(secrets.get(PASSWORDS)).containsEntry("olivia", "olivias-own-password");
        assertThat(secrets.get(ORGANIZERS)).containsEntry("olivia", oliviasHash);
        assertThat(matches(secrets.get(PASSWORDS).get("organizer"), secrets.get(ORGANIZERS).get("organizer"))).isTrue();
    }

    @Test
    void reviewersGetPasswordsAndHashesOfTheirOwnKeptInStepWithTheirList() {
        Run first = run(spec(List.of("organizer", "olivia"), List.of("rita", "ravi")));

        assertThat(first.exitCode()).isZero();
        assertThat(first.outLines()).containsExactly(FIRST_RUN_REPORT.get(0), FIRST_RUN_REPORT.get(1), FIRST_RUN_REPORT.get(2),
                "created Secret " + REVIEWER_PASSWORDS + " (keys: rita, ravi)",
                "created Secret " + REVIEWERS + " (keys: rita, ravi)");
        assertHashesMatchPasswordsOf(REVIEWER_PASSWORDS, REVIEWERS, "rita", "ravi");
        assertHashesMatchPasswords("organizer", "olivia");
        Map<String, Map<String, String>> before = api.secrets();

        assertReportedAfterRun(spec(List.of("organizer", "olivia"), List.of("rita", "rosa")),
                "kept Secret " + DATABASE, "kept Secret " + PASSWORDS, "kept Secret " + ORGANIZERS,
                "updated Secret " + REVIEWER_PASSWORDS + " (added: rosa; removed: ravi)",
                "updated Secret " + REVIEWERS + " (added: rosa; removed: ravi)");
        Map<String, Map<String, String>> after = api.secrets();
        assertThat(after.get(PASSWORDS)).isEqualTo(before.get(PASSWORDS));
        assertThat(after.get(ORGANIZERS)).isEqualTo(before.get(ORGANIZERS));
        assertThat(after.get(REVIEWER_PASSWORDS)).containsEntry("rita", before.get(REVIEWER_PASSWORDS).get("rita"));
        assertThat(after.get(REVIEWERS)).containsEntry("rita", before.get(REVIEWERS).get("rita"));
        assertHashesMatchPasswordsOf(REVIEWER_PASSWORDS, REVIEWERS, "rita", "rosa");

        Map<String, String> reviewerPasswordsWithoutRita = new HashMap<>(after.get(REVIEWER_PASSWORDS));
        reviewerPasswordsWithoutRita.remove("rita");
        api.putSecret(REVIEWER_PASSWORDS, reviewerPasswordsWithoutRita);
        assertReportedAfterRun(spec(List.of("organizer", "olivia"), List.of("rita", "rosa")),
                "kept Secret " + DATABASE, "kept Secret " + PASSWORDS, "kept Secret " + ORGANIZERS,
                "updated Secret " + REVIEWER_PASSWORDS + " (added: rita)",
                "updated Secret " + REVIEWERS + " (regenerated: rita)");
        assertHashesMatchPasswordsOf(REVIEWER_PASSWORDS, REVIEWERS, "rita", "rosa");
        assertThat(api.secrets().get(ORGANIZERS)).isEqualTo(before.get(ORGANIZERS));
    }

    @Test
    void aSecretSomeoneElseCreatesMeanwhileIsReadAndKept() {
        api.beforeNext("POST", () -> api.putSecret(DATABASE, Map.of("password", "made-by-another-run-meanwhile")));

        Run run = run(spec("organizer"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).first().isEqualTo("kept Secret " + DATABASE);
        assertThat(api.secrets().get(DATABASE)).containsExactly(Map.entry("password", "made-by-another-run-meanwhile"));
        assertThat(api.requests()).extracting(Request::toString).startsWith(
                "GET " + secretPath(DATABASE), "POST " + secretsPath(), "GET " + secretPath(DATABASE), "GET " + secretPath(PASSWORDS));
    }

    @Test
    void aSecretChangedBetweenReadingAndPatchingIsReadAgain() {
        run(spec("organizer"));
        Map<String, String> passwordsWithBob = new HashMap<>(api.secrets().get(PASSWORDS));
        passwordsWithBob.put("bob", "bobs-password-from-another-run");
        api.beforeNext("PATCH", () -> api.putSecret(PASSWORDS, passwordsWithBob));
        api.clearRequests();

        assertReportedAfterRun(spec("organizer", "bob"), "kept Secret " + DATABASE, "kept Secret " + PASSWORDS,
                "updated Secret " + ORGANIZERS + " (added: bob)");
        assertThat(api.secrets().get(PASSWORDS)).isEqualTo(passwordsWithBob);
        assertHashesMatchPasswords("organizer", "bob");
        assertThat(api.requests()).extracting(Request::toString).containsExactly("GET " + secretPath(DATABASE),
                "GET " + secretPath(PASSWORDS), "PATCH " + secretPath(PASSWORDS), "GET " + secretPath(PASSWORDS),
                "GET " + secretPath(ORGANIZERS), "PATCH " + secretPath(ORGANIZERS));
    }

    @Test
    void twoRunsAtOnceAgreeOnEveryPassword() throws Exception {
        try (ExecutorService twoAtOnce = Executors.newFixedThreadPool(2)) {
            Future<Run> first = twoAtOnce.submit(() -> run(spec("organizer", "olivia")));
            Future<Run> second = twoAtOnce.submit(() -> run(spec("organizer", "olivia")));

            assertThat(first.get().exitCode()).isZero();
            assertThat(second.get().exitCode()).isZero();
        }
        assertHashesMatchPasswords("organizer", "olivia");
    }

    @ParameterizedTest
    @CsvSource({
        "get,    " + DATABASE,
        "patch,  " + DATABASE,
        "create, " + PASSWORDS,
    })
    void aRefusedVerbEndsTheRunNamingTheRoleToCheck(String verb, String secret) {
        api.putSecret(DATABASE, Map.of("replication", "kept")); // lacks its password, so it needs a patch
        api.deny(verb);

        Run run = run(spec("organizer"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().startsWith("the Job's ServiceAccount may not " + verb
                + " Secret " + secret + " in " + NAMESPACE + ": check the chart's Role");
    }

    @Test
    void aTokenTheApiDoesNotKnowEndsTheRunNamingTheRoleToCheck() throws IOException {
        Files.writeString(api.serviceAccountDir().resolve("token"), "not-the-token");

        Run run = run(spec("organizer"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("the Job's ServiceAccount may not get Secret " + DATABASE + " in " + NAMESPACE
                + ": check the chart's Role (the API answered 401");
    }

    @Test
    void serverErrorsAreTriedAgainAndReported() {
        api.failNext(2);

        Run run = run(spec("organizer"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines()).containsExactly(
                "get Secret " + DATABASE + " in " + NAMESPACE + ": the API answered 500: an internal error the test asked for;"
                        + " trying again in 250 ms (attempt 2 of 5)",
                "get Secret " + DATABASE + " in " + NAMESPACE + ": the API answered 500: an internal error the test asked for;"
                        + " trying again in 500 ms (attempt 3 of 5)");
        assertThat(run.outLines()).hasSize(3).allMatch(line -> line.startsWith("created Secret "));
    }

    @Test
    void anApiThatKeepsFailingEndsTheRunAfterFiveAttempts() {
        api.failNext(100);

        Run run = run(spec("organizer"));

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> err = run.err().lines().toList();
        assertThat(err).hasSize(5);
        assertThat(err.getLast()).isEqualTo("get Secret " + DATABASE + " in " + NAMESPACE
                + ": the API answered 500: an internal error the test asked for (gave up after 5 attempts)");
        assertThat(api.requests()).hasSize(5);
    }

    @Test
    void anUnreachableApiEndsTheRunNamingItsAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> environment = new HashMap<>(api.podEnvironment());
        environment.put("KUBERNETES_SERVICE_PORT", String.valueOf(closedPort));

        Run run = run(spec("organizer"), environment);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList().getLast()).startsWith("get Secret " + DATABASE + " in " + NAMESPACE
                + ": cannot reach the Kubernetes API at https://127.0.0.1:" + closedPort + ": ConnectException")
                .endsWith("(gave up after 5 attempts)");
    }

    @Test
    void anApiWhoseCertificateTheCaDidNotSignIsRefusedAtOnce() throws Exception {
        Files.writeString(api.serviceAccountDir().resolve("ca.crt"), pem(someOtherCa()));

        Run run = run(spec("organizer"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().startsWith("get Secret " + DATABASE + " in " + NAMESPACE
                + ": the Kubernetes API at https://127.0.0.1:" + api.port()
                + " presented a certificate that the ServiceAccount's ca.crt does not vouch for");
        assertThat(api.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        # RELEASE_SECRETS                                                          | the message
        ''                                                                          | RELEASE_SECRETS is not set
        {"secrets": [                                                               | RELEASE_SECRETS is not valid JSON: Unexpected end-of-input
        {"secrets": [{"name": "a", "name": "b", "keys": {"k": {"random": 16}}}]}   | RELEASE_SECRETS is not valid JSON: Duplicate Object property "name"
        {"secret": []}                                                              | RELEASE_SECRETS: expected an object with a list "secrets"
        {"secrets": [{"name": "Not_A_Name", "keys": {"k": {"random": 16}}}]}       | RELEASE_SECRETS: secrets[0]: "name" must be a Secret name
        {"secrets": [{"name": "a", "keys": {}}]}                                   | RELEASE_SECRETS: Secret a: "keys" must be an object with at least one key
        {"secrets": [{"name": "a", "keys": {"k": {}}}]}                            | RELEASE_SECRETS: Secret a, key k: give either {"random": <length>} or {"bcryptOf":
        {"secrets": [{"name": "a", "keys": {"k": {"randm": 16}}}]}                 | RELEASE_SECRETS: Secret a, key k: give either {"random": <length>} or {"bcryptOf":
        {"secrets": [{"name": "a", "keys": {"k": {"random": 8}}}]}                 | RELEASE_SECRETS: Secret a, key k: "random" must be a whole number from 16 to 128, not 8
        {"secrets": [{"name": "a", "keys": {"k": {"random": 129}}}]}               | RELEASE_SECRETS: Secret a, key k: "random" must be a whole number from 16 to 128, not 129
        {"secrets": [{"name": "a", "keys": {"k": {"random": "32"}}}]}              | RELEASE_SECRETS: Secret a, key k: "random" must be a whole number from 16 to 128, not "32"
        {"secrets": [{"name": "a", "keys": {"k": {"bcryptOf": {"secret": "b", "key": "k"}}}}]} | RELEASE_SECRETS: Secret a, key k: "bcryptOf" names Secret b, which is not listed before this one
        {"secrets": [{"name": "b", "keys": {"k": {"random": 16}}}, {"name": "a", "keys": {"k": {"bcryptOf": {"secret": "b", "key": "x"}}}}]} | RELEASE_SECRETS: Secret a, key k: "bcryptOf" names key x of Secret b, which has no such key
        {"secrets": [{"name": "b", "keys": {"k": {"random": 100}}}, {"name": "a", "keys": {"k": {"bcryptOf": {"secret": "b", "key": "k"}}}}]} | RELEASE_SECRETS: Secret a, key k: bcrypt takes at most 72 characters, and key k of Secret b has 100
        {"secrets": [{"name": "a", "prune": "yes", "keys": {"k": {"random": 16}}}]} | RELEASE_SECRETS: Secret a: "prune" must be true or false
        {"secrets": [{"name": "a", "prun": true, "keys": {"k": {"random": 16}}}]}  | RELEASE_SECRETS: Secret a: unknown field "prun"
        {"secrets": [{"name": "a", "keys": {"k": {"random": 16}}}, {"name": "a", "keys": {"k": {"random": 16}}}]} | RELEASE_SECRETS: Secret a is listed twice
        """)
    void aSpecThatCannotBeCarriedOutIsRefusedSayingWhatIsWrong(String spec, String message) {
        Run run = run(spec);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith(message);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void noValueIsEverPrinted() throws IOException {
        run(spec("organizer", "olivia"));
        api.failNext(1);
        run(spec("organizer", "olivia", "bob"));
        api.putSecret(PASSWORDS, Map.of("organizer", api.secrets().get(PASSWORDS).get("organizer")));
        run(spec("organizer", "olivia"));
        api.deny("patch");
        run(spec("organizer", "carol"));
        Files.writeString(api.serviceAccountDir().resolve("token"), "not-the-token");
        run(spec("organizer"));

        String printed = runs.stream().map(run -> run.out() + run.err()).collect(joining());
        assertThat(printed).contains("created", "updated", "kept", "trying again", "may not patch", "may not get");
        List<String> values = api.secrets().values().stream().flatMap(data -> data.values().stream()).toList();
        assertThat(values).hasSizeGreaterThan(4).allSatisfy(value -> {
            assertThat(printed).doesNotContain(value);
            assertThat(printed).doesNotContain(value.substring(8, 24)); // nor a part of one
        });
    }

    @Test
    void theImagesCommandRunsTheProgramInAJvmOfItsOwn() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder command = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReleaseSecrets.class.getName());
        command.environment().putAll(api.podEnvironment());
        command.environment().put("RELEASE_SECRETS", spec("organizer", "olivia"));

        long start = System.nanoTime();
        Process process = command.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("ReleaseSecrets in its own JVM took " + took.toMillis() + " ms");

        assertThat(err.join()).isEmpty();
        assertThat(process.exitValue()).isZero();
        assertThat(out.lines()).containsExactlyElementsOf(FIRST_RUN_REPORT);
        assertHashesMatchPasswords("organizer", "olivia");
    }

    /** Runs the Job for this spec: it succeeds and reports exactly these lines. */
    private void assertReportedAfterRun(String spec, String... report) {
        Run run = run(spec);

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(report);
    }

    private Run run(String spec) {
        return run(spec, api.podEnvironment());
    }

    private Run run(String spec, Map<String, String> podEnvironment) {
        Map<String, String> environment = new HashMap<>(podEnvironment);
        environment.put("RELEASE_SECRETS", spec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ReleaseSecrets.run(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        synchronized (runs) {
            runs.add(run);
        }
        return run;
    }

    /** The Secrets the charts ask for: the database's password, and a password and its hash per organizer. */
    private static String spec(String... organizers) {
        return spec(List.of(organizers), List.of());
    }

    /** As the chart asks with reviewers too: their passwords and hashes in two Secrets after the organizers'. */
    private static String spec(List<String> organizers, List<String> reviewers) {
        String logins = logins(PASSWORDS, ORGANIZERS, organizers)
                + (reviewers.isEmpty() ? "" : ",\n" + logins(REVIEWER_PASSWORDS, REVIEWERS, reviewers));
        return """
                {"secrets": [
                  {"name": "%s",
                   "labels": {"app.kubernetes.io/part-of": "conference-platform"},
                   "annotations": {"conference-platform.dev/generated": "true"},
                   "keys": {"password": {"random": 32}}},
                %s
                ]}
                """.formatted(DATABASE, logins);
    }

    /** The two Secrets of one list of users: a password per user, and its hash. */
    private static String logins(String passwordsSecret, String hashesSecret, List<String> users) {
        String passwords = users.stream()
                .map(user -> "\"%s\": {\"random\": 24}".formatted(user))
                .collect(joining(", "));
        String hashes = users.stream()
                .map(user -> "\"%s\": {\"bcryptOf\": {\"secret\": \"%s\", \"key\": \"%s\"}}".formatted(user, passwordsSecret, user))
                .collect(joining(", "));
        return """
                  {"name": "%s", "labels": {}, "annotations": {}, "prune": true, "keys": {%s}},
                  {"name": "%s", "labels": {}, "annotations": {}, "prune": true, "keys": {%s}}"""
                .formatted(passwordsSecret, passwords, hashesSecret, hashes);
    }

    private void assertHashesMatchPasswords(String... organizers) {
        assertHashesMatchPasswordsOf(PASSWORDS, ORGANIZERS, organizers);
    }

    private void assertHashesMatchPasswordsOf(String passwordsSecret, String hashesSecret, String... users) {
        Map<String, Map<String, String>> secrets = api.secrets();
        assertThat(secrets.get(passwordsSecret)).containsOnlyKeys(users);
        assertThat(secrets.get(hashesSecret)).containsOnlyKeys(users);
        for (String user : users) {
            String hash = secrets.get(hashesSecret).get(user);
            assertThat(hash).startsWith("{bcrypt}$2a$10$");
            assertThat(matches(secrets.get(passwordsSecret).get(user), hash)).as("hash of " + user).isTrue();
        }
    }

    private boolean matches(String password, String prefixedHash) {
        return bcrypt.matches(password, prefixedHash.substring("{bcrypt}".length()));
    }

    private static String secretsPath() {
        return "/api/v1/namespaces/" + NAMESPACE + "/secrets";
    }

    private static String secretPath(String name) {
        return secretsPath() + "/" + name;
    }

    /** A CA from the JDK's trust store: real, and not the one that signed the fake API's certificate. */
    private static Certificate someOtherCa() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toFile(),
                (char[]) null);
        return cacerts.getCertificate(cacerts.aliases().nextElement());
    }

    private static String pem(Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

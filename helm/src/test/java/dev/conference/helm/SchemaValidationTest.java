package dev.conference.helm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the charts render, and every manifest under deploy/, is valid against the schema of its
 * apiVersion and kind: helm/schema-check/validate.mjs, with the schemas of the kubernetes-models packages
 * pinned in its package-lock.json. A kind without a schema there fails too.
 */
class SchemaValidationTest {

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    /** Feeds and drains the processes: the common pool may have a single thread, which one blocking read would hold. */
    private static final ExecutorService PROCESS_IO = Executors.newVirtualThreadPerTaskExecutor();

    private static boolean packagesInstalled;

    static List<String> variants() {
        return Charts.variants();
    }

    static List<String> services() {
        return Charts.SERVICES;
    }

    /** Per test rather than once per class: Surefire reports a skip with its reason only for a test, not for a class. */
    @BeforeEach
    void nodeAndTheSchemaPackagesAreThere() {
        for (String command : List.of("node", "npm")) {
            if (!onPath(command)) {
                String why = command + " is not on the PATH: the schema check runs helm/schema-check/validate.mjs with Node.js";
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(why);
                }
                Assumptions.abort("Schema validation skipped: " + why);
            }
        }
        installPackagesIfMissing();
    }

    private static synchronized void installPackagesIfMissing() {
        if (packagesInstalled || installed()) {
            packagesInstalled = true;
            return;
        }
        List<String> npmCi = List.of("npm", "ci", "--no-audit", "--no-fund");
        System.out.println("Schema packages not installed: running " + String.join(" ", npmCi) + " in " + schemaCheck());
        Run npm = run(npmCi, "", NPM_TIMEOUT);
        System.out.print(npm.output());
        assertThat(npm.exitCode()).as("%s in %s failed:%n%s", npmCi, schemaCheck(), npm.output()).isZero();
        packagesInstalled = true;
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyObjectTheUmbrellaRendersMatchesItsSchema(String variant) {
        String yaml = Charts.umbrellaYaml(variant);
        assertAllValid(validate(yaml), Manifests.parse(yaml).resources().size(), "umbrella, variant " + variant);
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyObjectAServiceChartRendersOnItsOwnMatchesItsSchema(String service) {
        String yaml = Charts.render(service, List.of(), Map.of());
        assertAllValid(validate(yaml), Manifests.parse(yaml).resources().size(), service + " chart on its own");
    }

    @TestFactory
    Stream<DynamicTest> everyManifestUnderDeployMatchesItsSchema() throws IOException {
        Path deploy = Charts.root().resolve("deploy");
        if (!Files.isDirectory(deploy)) {
            return Stream.empty();
        }
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(deploy)) {
            manifests = files.filter(Files::isRegularFile).filter(SchemaValidationTest::isManifest).sorted().toList();
        }
        return manifests.stream().map(file -> DynamicTest.dynamicTest(deploy.relativize(file).toString(), () -> {
            Validation validation = validate(Files.readString(file));
            assertThat(validation.objects()).as("objects in %s, which as a file under deploy/ must hold one:%n%s", file, validation.output()).isNotEmpty();
            assertAllValid(validation, validation.objects().size(), file.toString());
        }));
    }

    @Test
    void aRolloutWithAWordForItsReplicaCountIsInvalid() {
        assertInvalid(ROLLOUT.replace("replicas: 2", "replicas: \"two\""), "/spec/replicas must be integer");
    }

    @Test
    void aRolloutWithACanaryStepOfTheWrongShapeIsInvalid() {
        String analysisByName = """
                        - analysis: success-rate
                """;
        String rollout = ROLLOUT.replaceFirst("(?s)        - analysis:\n.*?value: c4p-service\n", analysisByName);
        assertThat(rollout).as("the fixture was changed").contains(analysisByName);
        assertInvalid(rollout, "/spec/strategy/canary/steps/2/analysis must be object");
    }

    @Test
    void anApplicationWithoutADestinationIsInvalid() {
        String withoutDestination = APPLICATION.replaceFirst("(?s)  destination:\n.*?namespace: conference\n", "");
        assertThat(withoutDestination).as("the fixture was changed").doesNotContain("destination");
        assertInvalid(withoutDestination, "/spec must have required property destination");
    }

    @Test
    void aServiceMonitorWithANumberForItsScrapeIntervalIsInvalid() {
        assertInvalid("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: c4p-service
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: c4p-service
                  endpoints:
                    - port: http
                      path: /actuator/prometheus
                      interval: 30
                """, "/spec/endpoints/0/interval must be string");
    }

    @Test
    void anObjectOfAKindNoPackageKnowsIsInvalid() {
        assertInvalid("""
                apiVersion: conference.dev/v1
                kind: Talk
                metadata:
                  name: keynote
                spec:
                  title: Opening
                """, "no schema for apiVersion conference.dev/v1, kind Talk");
    }

    @Test
    void anUnquotedYesIsABooleanAsKubernetesReadsItSoNoConfigMapValue() {
        assertInvalid("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: email-service
                data:
                  SMTP_STARTTLS: yes
                """, "/data/SMTP_STARTTLS must be string");
    }

    @Test
    void aCanaryRolloutItsAnalysisTemplateAndAnArgoCdApplicationAreValid() {
        Validation validation = validate(String.join("---\n", ROLLOUT, ANALYSIS_TEMPLATE, APPLICATION));
        assertThat(validation.objects()).as(validation.output()).containsExactly(
                "ok argoproj.io/v1alpha1 Rollout c4p-service",
                "ok argoproj.io/v1alpha1 AnalysisTemplate success-rate",
                "ok argoproj.io/v1alpha1 Application conference-platform");
        assertThat(validation.exitCode()).as(validation.output()).isZero();
    }

    private static final String ROLLOUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: c4p-service
            spec:
              replicas: 2
              revisionHistoryLimit: 3
              selector:
                matchLabels:
                  app.kubernetes.io/name: c4p-service
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: c4p-service
                spec:
                  containers:
                    - name: c4p-service
                      image: conference-platform/c4p-service:0.1.0
                      ports:
                        - name: http
                          containerPort: 8080
              strategy:
                canary:
                  stableService: c4p-service
                  canaryService: c4p-service-canary
                  steps:
                    - setWeight: 20
                    - pause:
                        duration: 2m
                    - analysis:
                        templates:
                          - templateName: success-rate
                        args:
                          - name: service
                            value: c4p-service
                    - setWeight: 50
                    - pause:
                        duration: 2m
            """;

    private static final String ANALYSIS_TEMPLATE = """
            apiVersion: argoproj.io/v1alpha1
            kind: AnalysisTemplate
            metadata:
              name: success-rate
            spec:
              args:
                - name: service
              metrics:
                - name: success-rate
                  interval: 1m
                  count: 3
                  failureLimit: 1
                  successCondition: result[0] >= 0.95
                  provider:
                    prometheus:
                      address: http://prometheus-operated.monitoring.svc:9090
                      query: |
                        sum(rate(http_server_requests_seconds_count{service="{{args.service}}",status!~"5.."}[2m]))
                        /
                        sum(rate(http_server_requests_seconds_count{service="{{args.service}}"}[2m]))
            """;

    private static final String APPLICATION = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: conference-platform
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://git.example.org/conference/platform.git
                targetRevision: main
                path: helm/conference-platform
                helm:
                  valueFiles:
                    - ci/observability-values.yaml
              destination:
                server: https://kubernetes.default.svc
                namespace: conference
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                syncOptions:
                  - CreateNamespace=true
            """;

    /** What validate.mjs said of a YAML stream: a line per object, anything else node printed, and its exit code. */
    private record Validation(int exitCode, String output) {

        List<String> objects() {
            return output.lines().filter(l -> l.startsWith("ok ") || l.startsWith("invalid ")).toList();
        }

        List<String> invalid() {
            return objects().stream().filter(l -> l.startsWith("invalid ")).toList();
        }
    }

    private static void assertAllValid(Validation validation, int objectCount, String what) {
        assertThat(validation.invalid()).as("objects of %s that do not match their schema; the whole check said:%n%s",
                what, validation.output()).isEmpty();
        assertThat(validation.objects()).as("a verdict for each object of %s:%n%s", what, validation.output()).hasSize(objectCount);
        assertThat(validation.exitCode()).as("exit code of the check of %s:%n%s", what, validation.output()).isZero();
    }

    private static void assertInvalid(String yaml, String problem) {
        Validation validation = validate(yaml);
        assertThat(validation.objects()).as(validation.output()).singleElement(STRING)
                .startsWith("invalid ").contains(problem);
        assertThat(validation.exitCode()).as(validation.output()).isNotZero();
    }

    private static Validation validate(String yaml) {
        Run node = run(List.of("node", "validate.mjs"), yaml, NODE_TIMEOUT);
        return new Validation(node.exitCode(), node.output());
    }

    private static Path schemaCheck() {
        return Charts.root().resolve("helm").resolve("schema-check");
    }

    /** npm writes node_modules/.package-lock.json last; one older than package-lock.json holds other versions than those pinned. */
    private static boolean installed() {
        Path done = schemaCheck().resolve("node_modules").resolve(".package-lock.json");
        try {
            return Files.exists(done)
                    && Files.getLastModifiedTime(done).compareTo(Files.getLastModifiedTime(schemaCheck().resolve("package-lock.json"))) >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command in helm/schema-check with its output and errors together, failing the test if it outlasts the timeout. */
    private static Run run(List<String> command, String input, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(schemaCheck().toFile()).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), PROCESS_IO);
            CompletableFuture.runAsync(() -> writeAll(process.getOutputStream(), input), PROCESS_IO);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + timeout + "; it printed:\n" + output.join());
            }
            return new Run(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAll(OutputStream stream, String text) {
        try (stream) {
            stream.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            // the process ended without reading all of it; its exit code and output tell why
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.contains("values");
    }
}

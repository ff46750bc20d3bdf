package dev.conference.helm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chart's Prometheus rules and dashboards as Prometheus reads them: {@code promtool check rules} on
 * the rules file and on every dashboard query, {@code promtool test rules} on the unit tests in
 * helm/src/test/promtool (series that fire each alert and series that must not), and the runbook
 * section each alert points to. That the queries read metrics the services do expose is
 * platform-tests' NoDeadQueriesTest.
 */
class PromtoolTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,6}\\s+(.+?)\\s*$");

    @BeforeEach
    void promtoolIsThere() {
        if (!onPath("promtool")) {
            String why = "promtool is not on the PATH: install Prometheus (Debian/Ubuntu: apt-get install prometheus), "
                    + "the alerting rules and dashboard queries are checked with it";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort("Rule checks skipped: " + why);
        }
    }

    @Test
    void theRulesFilePassesPromtoolCheckRules() {
        Run check = promtool("check", "rules", Observability.rulesFile().toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresOnItsSeriesAndStaysQuietOnTheOthersInThePromtoolUnitTests() throws IOException {
        List<String> tests;
        try (Stream<Path> files = Files.list(Observability.promtoolTests())) {
            tests = files.map(Path::toString).filter(f -> f.endsWith("-test.yaml")).sorted().toList();
        }
        assertThat(tests).isNotEmpty();
        List<String> command = new ArrayList<>(List.of("test", "rules"));
        command.addAll(tests);

        Run run = promtool(command.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItDoesNot() throws IOException {
        Map<String, Boolean> fires = new LinkedHashMap<>();
        Map<String, Boolean> quiet = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Observability.promtoolTests())) {
            for (Path file : files.filter(f -> f.toString().endsWith("-test.yaml")).toList()) {
                Map<String, Object> document = Serialization.unmarshal(Files.readString(file), Map.class);
                for (Map<String, Object> test : (List<Map<String, Object>>) document.get("tests")) {
                    for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                        String alert = (String) check.get("alertname");
                        List<?> expected = (List<?>) check.getOrDefault("exp_alerts", List.of());
                        (expected.isEmpty() ? quiet : fires).put(alert, true);
                    }
                }
            }
        }
        List<String> alerts = Observability.rules().stream().filter(r -> r.alert() != null).map(Observability.Rule::alert).toList();

        assertThat(alerts).as("alerts of %s", Observability.rulesFile()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(alerts).as("alerts without a promtool test in which they fire").allMatch(fires::containsKey);
        assertThat(alerts).as("alerts without a promtool test in which they stay quiet").allMatch(quiet::containsKey);
    }

    @Test
    void everyAlertLinksToItsSectionOfTheRunbookAndSaysHowSevereItIs() throws IOException {
        String operations = Files.readString(Charts.root().resolve("docs/operations.md"));
        Set<String> anchors = headingAnchors(operations);

        for (Observability.Rule rule : Observability.rules()) {
            if (rule.alert() == null) {
                continue;
            }
            assertThat(rule.labels()).as("labels of %s", rule.alert()).containsKey("severity");
            assertThat(rule.annotations()).as("annotations of %s", rule.alert()).containsKeys("summary", "description");
            String runbook = rule.annotations().get("runbook_url");
            assertThat(runbook).as("runbook_url of %s", rule.alert()).startsWith("docs/operations.md#");
            assertThat(anchors).as("sections of docs/operations.md, which %s links to", rule.alert())
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void everyDashboardQueryIsPromQlThatPromtoolAccepts() throws IOException {
        List<Observability.Query> queries = Observability.dashboardQueries("conference");
        assertThat(queries).hasSizeGreaterThan(10);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard_query_").append(i).append('\n')
                    .append("        expr: ").append(Serialization.jsonMapper().writeValueAsString(queries.get(i).expr()))
                    .append('\n');
        }
        Path file = Files.createDirectories(Path.of("target/promtool")).resolve("dashboard-queries.yaml");
        Files.writeString(file, rules);

        Run check = promtool("check", "rules", file.toString());

        assertThat(check.exitCode()).as("promtool check rules %s:%n%s%nqueries: %s", file, check.output(), numbered(queries))
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theObservabilityVariantInstallsTheRulesFileAsItIs() {
        GenericKubernetesResource rule = Charts.umbrella("observability").all(GenericKubernetesResource.class).stream()
                .filter(r -> "PrometheusRule".equals(r.getKind())).findFirst().orElseThrow();

        assertThat(rule.getAdditionalProperties().get("spec")).isEqualTo(Observability.rulesDocument());
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(Charts.umbrella("default").all(GenericKubernetesResource.class))
                .noneMatch(r -> "PrometheusRule".equals(r.getKind()));
    }

    @Test
    void theQueriesOfTheRulesAndDashboardsNameTheirMetrics() {
        assertThat(Observability.metricNames(
                "sum by (namespace) (rate(outbox_deliveries_total{outcome=\"refused\"}[15m] offset 5m)) > 0"
                        + " or on (namespace) histogram_quantile(0.99, x:y:z) / vector(0)"))
                .containsExactly("outbox_deliveries_total", "x:y:z");
        for (Observability.Query query : Observability.ruleQueries()) {
            assertThat(Observability.metricNames(query.expr())).as(query.where()).isNotEmpty();
        }
    }

    /** GitHub's anchor of a heading: lower case, punctuation other than - and _ dropped, spaces as -. */
    static Set<String> headingAnchors(String markdown) {
        Matcher heading = HEADING.matcher(markdown);
        List<String> anchors = new ArrayList<>();
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return Set.copyOf(anchors);
    }

    private static String numbered(List<Observability.Query> queries) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < queries.size(); i++) {
            text.append(String.format("%n  dashboard_query_%d: %s: %s", i, queries.get(i).where(), queries.get(i).expr()));
        }
        return text.toString();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private record Run(int exitCode, String output) {
    }

    private static Run promtool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("promtool", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish within " + TIMEOUT);
                }
                return new Run(process.exitValue(), Files.readString(output, UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

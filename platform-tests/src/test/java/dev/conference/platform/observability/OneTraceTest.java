package dev.conference.platform.observability;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import dev.conference.platform.Site;
import dev.conference.platform.observability.OtlpReceiver.ReceivedSpan;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One organizer's decision is one trace, from the browser's request through the gateway, c4p's
 * decision and its outbox, the relay's deliveries (a retry after an agenda outage included) to
 * agenda-service and email-service and its SMTP send; and the services' log lines of that request
 * are ECS JSON carrying its trace id. The four services run with the OpenTelemetry Java agent the
 * images ship, set up as the charts set it up, exporting to a collector stand-in in this test.
 */
class OneTraceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static OtlpReceiver collector;
    private static Platform platform;
    private static final Map<String, Long> logStarts = new ConcurrentHashMap<>();

    @BeforeAll
    static void platformWithTheAgent() {
        Path agent = Path.of(System.getProperty("platform.root", ".."), "c4p-service", "target", "opentelemetry-javaagent.jar");
        assertThat(agent).as("the OpenTelemetry agent the build copies beside the service jar (./mvnw package)").isRegularFile();
        collector = OtlpReceiver.start();
        for (String service : List.of("frontend-service", "c4p-service", "agenda-service", "email-service")) {
            logStarts.put(service, sizeOf(logOf(service)));
        }
        platform = Platform.start(new Platform.Grid("2027-05-12", "09:00-09:45,10:00-10:45", "Main Hall,Room A"), service -> {
            // As the charts set the agent up (conference-lib's otel settings, each chart's instrumentations) ...
            List<String> options = new ArrayList<>(ServiceProcess.tracedAsInTheChart(service, agent));
            assertThat(options).as(service).contains("-javaagent:" + agent.toAbsolutePath(),
                    "-Dotel.instrumentation.common.default.enabled=false", "-Dotel.javaagent.logging=application");
            options.addAll(List.of(
                    "-Dlogging.structured.format.console=ecs",
                    // ... but exporting to this test's collector, at once, so that the test need not wait.
                    "-Dotel.exporter.otlp.endpoint=" + collector.endpoint(),
                    "-Dotel.bsp.schedule.delay=200"));
            return options;
        });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void aDecisionIsOneTraceFromTheBrowserToTheSmtpServerRetriesIncluded() {
        Site organizer = new Site(platform.frontend.url());
        organizer.page("/admin");
        // The first calls to Redis of a cold gateway under the agent may miss the session store's 1 s timeout.
        eventually(Duration.ofSeconds(30), Duration.ofMillis(200), () -> organizer.logIn(Platform.ORGANIZER, platform.organizerPassword)
                .statusCode() / 100 == 2, "the organizer is logged in");
        String speaker = "traced-" + hex(4) + "@example.com";
        HttpResponse<String> submitted = organizer.postJson("/api/proposals", """
                {"title":"Tracing outboxes","abstract":"One trace.","speakerName":"Grace Hopper","speakerEmail":"%s"}
                """.formatted(speaker));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JsonPath.read(submitted.body(), "$.id");
        String traceId = hex(16);
        String browserSpanId = hex(8);

        platform.agenda.stop();
        try {
            HttpResponse<String> decided = organizer.postJson("/api/proposals/" + id + "/decision",
                    "{\"decision\":\"APPROVED\"}", Map.of("traceparent", "00-" + traceId + "-" + browserSpanId + "-01"));
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
            eventually(Duration.ofSeconds(30), Duration.ofMillis(200), () -> attempt(id, "AGENDA_ENTRY", "retry").isPresent(),
                    "a delivery to the stopped agenda-service failed");
        } finally {
            platform.agenda.start().awaitReady(Duration.ofSeconds(120));
        }
        eventually(Duration.ofSeconds(60), Duration.ofMillis(200), () -> attempt(id, "AGENDA_ENTRY", "delivered").isPresent()
                        && attempt(id, "DECISION_EMAIL", "delivered").isPresent()
                        && has(traceId, "agenda-service", "SERVER") && has(traceId, "email-service", "SERVER")
                        && collector.spansOfTrace(traceId).stream().anyMatch(s -> s.name().equals("smtp send")),
                "every span of the decision reached the collector");

        List<ReceivedSpan> trace = collector.spansOfTrace(traceId);
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
        ReceivedSpan gateway = only(trace, s -> s.service().equals("frontend-service") && s.kind().equals("SERVER"));
        assertThat(gateway.parentSpanId()).as("the gateway continues the browser's trace").isEqualTo(browserSpanId);
        ReceivedSpan decision = only(trace, s -> s.service().equals("c4p-service") && s.kind().equals("SERVER"));
        assertThat(decision.attribute("proposal.id")).isEqualTo(id);
        assertThat(decision.attribute("decision")).isEqualTo("APPROVED");
        assertThat(ancestors(decision, byId)).contains(gateway);

        ReceivedSpan retry = attempt(id, "AGENDA_ENTRY", "retry").orElseThrow();
        ReceivedSpan delivered = attempt(id, "AGENDA_ENTRY", "delivered").orElseThrow();
        for (ReceivedSpan delivery : List.of(retry, delivered)) {
            assertThat(delivery.traceId()).as("a retry stays in the decision's trace").isEqualTo(traceId);
            assertThat(delivery.service()).isEqualTo("c4p-service");
            assertThat(delivery.attribute("decision")).isEqualTo("APPROVED");
            assertThat(delivery.attribute("outbox.kind")).isEqualTo("AGENDA_ENTRY");
            assertThat(ancestors(delivery, byId)).contains(decision);
        }
        assertThat(Integer.parseInt(delivered.attribute("outbox.attempt"))).isGreaterThanOrEqualTo(2);
        ReceivedSpan placed = only(trace, s -> s.service().equals("agenda-service") && s.kind().equals("SERVER"));
        assertThat(ancestors(placed, byId)).contains(delivered);
        assertThat(trace).as("c4p's statements in the decision's transaction").anySatisfy(s -> {
            assertThat(dbSystem(s)).isEqualTo("postgresql");
            assertThat(ancestors(s, byId)).contains(decision);
        });

        ReceivedSpan email = attempt(id, "DECISION_EMAIL", "delivered").orElseThrow();
        assertThat(email.traceId()).isEqualTo(traceId);
        ReceivedSpan sending = only(trace, s -> s.service().equals("email-service") && s.kind().equals("SERVER"));
        assertThat(ancestors(sending, byId)).contains(email);
        ReceivedSpan smtp = only(trace, s -> s.name().equals("smtp send"));
        assertThat(smtp.service()).isEqualTo("email-service");
        assertThat(smtp.kind()).isEqualTo("CLIENT");
        assertThat(ancestors(smtp, byId)).contains(sending);

        assertThat(logLinesOf("c4p-service", traceId)).anySatisfy(line ->
                assertThat(line.path("message").asString()).contains("AGENDA_ENTRY of proposal " + id, "retrying"));
        assertThat(logLinesOf("agenda-service", traceId)).anySatisfy(line ->
                assertThat(line.path("message").asString()).contains("Agenda entry placed for proposal " + id));
        assertThat(logLinesOf("email-service", traceId)).anySatisfy(line ->
                assertThat(line.path("message").asString()).contains("Sent PROPOSAL_APPROVED for key proposal:" + id));
    }

    private static Optional<ReceivedSpan> attempt(String proposalId, String kind, String outcome) {
        return collector.spans().stream()
                .filter(s -> s.name().equals("outbox deliver " + kind))
                .filter(s -> proposalId.equals(s.attribute("proposal.id")) && outcome.equals(s.attribute("outbox.outcome")))
                .reduce((first, later) -> later);
    }

    private static String dbSystem(ReceivedSpan span) {
        return Optional.ofNullable(span.attribute("db.system.name")).orElse(span.attribute("db.system"));
    }

    private static boolean has(String traceId, String service, String kind) {
        return collector.spansOfTrace(traceId).stream().anyMatch(s -> s.service().equals(service) && s.kind().equals(kind));
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, java.util.function.Predicate<ReceivedSpan> which) {
        List<ReceivedSpan> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("spans of the trace: %s", spans).hasSize(1);
        return matching.getFirst();
    }

    private static List<ReceivedSpan> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
        List<ReceivedSpan> ancestors = new ArrayList<>();
        for (ReceivedSpan parent = byId.get(span.parentSpanId()); parent != null; parent = byId.get(parent.parentSpanId())) {
            ancestors.add(parent);
        }
        return ancestors;
    }

    /**
     * The service's log lines with this trace id, written since this class started the platform: each
     * one must be an ECS JSON object with the id in {@code trace.id} and a {@code span.id}.
     */
    private static List<JsonNode> logLinesOf(String service, String traceId) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : newLogLines(service)) {
            assertThat(line).as("%s logs no plain text from the agent", service).doesNotStartWith("[otel.javaagent");
            if (line.contains(traceId)) {
                JsonNode json = JSON.readTree(line);
                assertThat(json.path("trace").path("id").asString()).as(line).isEqualTo(traceId);
                assertThat(json.path("span").path("id").asString()).as(line).hasSize(16);
                assertThat(json.path("ecs").path("version").isMissingNode()).as(line).isFalse();
                lines.add(json);
            }
        }
        return lines;
    }

    private static List<String> newLogLines(String service) {
        try {
            byte[] all = Files.readAllBytes(logOf(service));
            int from = (int) Math.min(logStarts.getOrDefault(service, 0L), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path logOf(String service) {
        return Path.of(System.getProperty("platform.logs", "target/platform-logs"), service + ".log");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

}

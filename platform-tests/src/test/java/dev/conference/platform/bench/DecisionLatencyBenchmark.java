package dev.conference.platform.bench;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Time from an organizer's decision to its side effects being accepted downstream: the agenda item
 * created by agenda-service and the email accepted by the SMTP server. Both ends are timestamps
 * c4p-service records itself (the proposal's decided_at, the outbox event's delivered_at, set when
 * the receiver answered 2xx), so the measurement adds no polling delay.
 *
 * <p>The decisions arrive at a fixed rate ({@code RATE} per second, each sent at its own instant
 * whatever the answers to the earlier ones), as organizers' decisions would: a closed loop of a few
 * clients would slow down exactly when the platform does, and hide it.
 *
 * <p>Not part of the test suite (the class name does not match surefire's patterns). Run from the
 * repository root with {@code ./mvnw -pl email-service,agenda-service,c4p-service,frontend-service,platform-tests -am
 * verify -Dtest=DecisionLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcontainers.skip}.
 */
class DecisionLatencyBenchmark {

    private static final int WARM_UP = 30;
    private static final int DECISIONS = 400;
    private static final int RATE = 40;

    @Test
    void decisionToDeliveryLatency() throws Exception {
        // 480 slots: room for every one of the 430 approvals, or the last would be refused as AGENDA_FULL.
        Platform platform = Platform.start(Platform.Grid.week(12), ServiceProcess::asInContainer);
        try {
            RestClient c4p = RestClient.builder().baseUrl(platform.c4p.url()).build();
            // Each approved proposal makes three events: received email, agenda entry, decision email.
            decideAtRate(c4p, submitAll(c4p, WARM_UP));
            awaitDelivered(platform, 3 * WARM_UP);

            List<String> measured = submitAll(c4p, DECISIONS);
            awaitDelivered(platform, 3 * WARM_UP + DECISIONS);
            decideAtRate(c4p, measured);
            awaitDelivered(platform, 3 * (WARM_UP + DECISIONS));

            Map<String, List<Double>> latencies = latencies(platform, measured);
            BenchReport report = new BenchReport("decision-latency");
            report.line("decision -> accepted downstream, %d decisions sent at %d/s; c4p-service recorded them at %.1f/s",
                    DECISIONS, RATE, achievedRate(platform, measured));
            report.line("%-16s %8s %8s %8s %8s", "side effect", "p50 ms", "p90 ms", "p99 ms", "max ms");
            for (var entry : latencies.entrySet()) {
                List<Double> sorted = entry.getValue().stream().sorted().toList();
                report.line("%-16s %8.1f %8.1f %8.1f %8.1f", entry.getKey(), BenchReport.quantile(sorted, 0.5),
                        BenchReport.quantile(sorted, 0.9), BenchReport.quantile(sorted, 0.99), sorted.getLast());
            }
            report.write();
        } finally {
            platform.stop();
        }
    }

    private static List<String> submitAll(RestClient c4p, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String created = c4p.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON).body("""
                    {"title":"Bench talk %d","abstract":"Measured.","speakerName":"Bench","speakerEmail":"bench-%s@example.com"}
                    """.formatted(i, UUID.randomUUID())).retrieve().body(String.class);
            ids.add(JsonPath.read(created, "$.id"));
        }
        return ids;
    }

    /** Sends decision i at start + i / RATE seconds, each on its own thread, and waits for all answers. */
    private static void decideAtRate(RestClient c4p, List<String> ids) throws Exception {
        List<Future<?>> decisions = new ArrayList<>();
        long start = System.nanoTime() + 100_000_000L;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                long at = start + i * 1_000_000_000L / RATE;
                decisions.add(senders.submit(() -> {
                    LockSupport.parkNanos(at - System.nanoTime());
                    c4p.post().uri("/proposals/{id}/decision", id).contentType(MediaType.APPLICATION_JSON)
                            .header("X-Organizer", "bench").body("{\"decision\":\"APPROVED\"}").retrieve()
                            .toBodilessEntity();
                    return null;
                }));
            }
            for (Future<?> decision : decisions) {
                decision.get();
            }
        }
    }

    /** Decisions per second as c4p-service recorded them: from the first decided_at to the last. */
    private static double achievedRate(Platform platform, List<String> ids) throws Exception {
        try (Connection db = platform.database.connect();
             PreparedStatement query = db.prepareStatement(
                     "select extract(epoch from (max(decided_at) - min(decided_at))) from proposal where id = any (?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return (ids.size() - 1) / rs.getDouble(1);
            }
        }
    }

    private static void awaitDelivered(Platform platform, int atLeast) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection db = platform.database.connect();
                 ResultSet rs = db.createStatement().executeQuery(
                         "select count(*) filter (where status = 'DELIVERED'), count(*) filter (where status <> 'DELIVERED') "
                                 + "from outbox_event")) {
                rs.next();
                if (rs.getInt(1) >= atLeast && rs.getInt(2) == 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("deliveries did not finish");
    }

    private static Map<String, List<Double>> latencies(Platform platform, List<String> ids) throws Exception {
        Map<String, List<Double>> byKind = new TreeMap<>();
        try (Connection db = platform.database.connect();
             PreparedStatement query = db.prepareStatement("""
                     select e.kind, extract(epoch from (e.delivered_at - p.decided_at)) * 1000
                     from outbox_event e join proposal p on p.id = e.proposal_id
                     where e.kind in ('AGENDA_ENTRY', 'DECISION_EMAIL') and p.id = any (?)
                     """)) {
            query.setArray(1, db.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    byKind.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getDouble(2));
                }
            }
        }
        return byKind;
    }
}

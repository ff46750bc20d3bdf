package dev.conference.platform.bench;

import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How fast the outbox drains the backlog an outage of agenda-service and email-service leaves behind:
 * 10,000 pending events (9,400 "proposal received" emails, and 300 approvals' agenda entries and
 * decision emails), already retried a few times and all due, as they are once both services are back.
 * Measured first with one c4p replica (the reference), then with two on the same database, each from the
 * commit of its backlog to the last event's delivered_at.
 *
 * <p>The backlog is written straight into the database, as the outage leaves it, rather than recorded
 * during a real outage: the drain, not the outage, is measured. Not part of the test suite. Run with
 * {@code ./mvnw -pl platform-tests verify -Dtest=OutboxBacklogBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * after the services are built.
 */
class OutboxBacklogBenchmark {

    private static final int APPROVALS = 300;
    private static final int RECEIVED = 9_400;
    private static final int EVENTS = RECEIVED + 2 * APPROVALS;
    private static final Duration GOAL = Duration.ofSeconds(60);

    @Test
    void backlogDrainTime() throws Exception {
        // Room for both rounds' 300 talks: 5 days x 8 slots x 16 rooms.
        Platform platform = Platform.start(Platform.Grid.week(16), ServiceProcess::asInContainer);
        ServiceProcess second = platform.newC4pReplica();
        try {
            Drain one = drain(platform, "one");
            second.start().awaitReady(Duration.ofSeconds(120));
            Drain two = drain(platform, "two");

            BenchReport report = new BenchReport("outbox-backlog");
            report.line("backlog of %d due outbox events (%d received emails, %d agenda entries, %d decision emails)",
                    EVENTS, RECEIVED, APPROVALS, APPROVALS);
            report.line("%-14s %10s %12s %8s", "c4p replicas", "drain s", "events/s", "failed");
            report.line("%-14s %10.1f %12.0f %8d", "1 (reference)", one.seconds(), EVENTS / one.seconds(), one.failed());
            report.line("%-14s %10.1f %12.0f %8d", "2", two.seconds(), EVENTS / two.seconds(), two.failed());
            report.line("ratio two / one replica: %.2f; goal < %d s with two replicas: %s", two.seconds() / one.seconds(),
                    GOAL.toSeconds(), two.seconds() < GOAL.toSeconds() ? "met" : "missed");
            report.write();
        } finally {
            second.stop();
            platform.stop();
        }
    }

    private record Drain(double seconds, int failed) {
    }

    /** Writes one backlog tagged with {@code round} and waits until none of its events is pending. */
    private static Drain drain(Platform platform, String round) throws Exception {
        Instant committed = writeBacklog(platform, round);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Connection db = platform.database.connect();
             PreparedStatement progress = db.prepareStatement("""
                     select count(*) filter (where e.status = 'PENDING'), count(*) filter (where e.status = 'FAILED'),
                            max(e.delivered_at)
                     from outbox_event e join proposal p on p.id = e.proposal_id
                     where p.speaker_name = ?""")) {
            progress.setString(1, "backlog-" + round);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = progress.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        Instant last = rs.getTimestamp(3).toInstant();
                        return new Drain(Duration.between(committed, last).toMillis() / 1000.0, rs.getInt(2));
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the backlog of round " + round + " did not drain in 10 minutes");
    }

    /** The proposals and their pending events, in one transaction; returns when it committed. */
    private static Instant writeBacklog(Platform platform, String round) throws Exception {
        String speaker = "backlog-" + round;
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp outageStart = Timestamp.from(Instant.now().minus(Duration.ofMinutes(5)));
        try (Connection db = platform.database.connect();
             PreparedStatement proposal = db.prepareStatement("""
                     insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                           submitted_at, decided_at, decided_by)
                     values (?, ?, 'Written during the outage.', ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement event = db.prepareStatement("""
                     insert into outbox_event (id, proposal_id, kind, idempotency_key, payload, status, attempts,
                                               next_attempt_at, created_at, last_error)
                     values (?, ?, ?, ?, cast(? as jsonb), 'PENDING', 6, ?, ?, 'receiver unavailable')""")) {
            db.setAutoCommit(false);
            for (int i = 0; i < RECEIVED + APPROVALS; i++) {
                UUID id = UUID.randomUUID();
                boolean approved = i < APPROVALS;
                String title = "Backlog talk " + round + " " + i;
                String email = "speaker-" + round + "-" + i + "@example.com";
                proposal.setObject(1, id);
                proposal.setString(2, title);
                proposal.setString(3, speaker);
                proposal.setString(4, email);
                proposal.setString(5, approved ? "APPROVED" : "PENDING");
                proposal.setString(6, UUID.randomUUID().toString());
                proposal.setTimestamp(7, outageStart);
                proposal.setTimestamp(8, approved ? outageStart : null);
                proposal.setString(9, approved ? "olivia" : null);
                proposal.addBatch();
                String prefix = "proposal:" + id;
                if (approved) {
                    add(event, id, "AGENDA_ENTRY", prefix + ":agenda-entry", """
                            {"proposalId":"%s","title":"%s","abstract":"Written during the outage.","speakerName":"%s"}"""
                            .formatted(id, title, speaker), now, outageStart);
                    add(event, id, "DECISION_EMAIL", prefix + ":decision-email",
                            email(prefix + ":decision-email", "PROPOSAL_APPROVED", email, speaker, title), now, outageStart);
                } else {
                    add(event, id, "RECEIVED_EMAIL", prefix + ":received-email",
                            email(prefix + ":received-email", "PROPOSAL_RECEIVED", email, speaker, title), now, outageStart);
                }
                if (i % 500 == 499) {
                    proposal.executeBatch();
                    event.executeBatch();
                }
            }
            proposal.executeBatch();
            event.executeBatch();
            db.commit();
        }
        return Instant.now();
    }

    private static void add(PreparedStatement event, UUID proposal, String kind, String key, String payload,
                            Timestamp due, Timestamp created) throws Exception {
        event.setObject(1, UUID.randomUUID());
        event.setObject(2, proposal);
        event.setString(3, kind);
        event.setString(4, key);
        event.setString(5, payload);
        event.setTimestamp(6, due);
        event.setTimestamp(7, created);
        event.addBatch();
    }

    private static String email(String key, String template, String to, String speaker, String title) {
        return """
                {"idempotencyKey":"%s","template":"%s","to":"%s","speakerName":"%s","proposalTitle":"%s",\
                "trackingUrl":"http://localhost:8080/track/%s"}""".formatted(key, template, to, speaker, title, UUID.randomUUID());
    }
}

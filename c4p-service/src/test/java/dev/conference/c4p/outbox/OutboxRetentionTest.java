package dev.conference.c4p.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delivered outbox events are purged after the retention period; nothing an operator still needs is. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "c4p.agenda.url=http://127.0.0.1:9",
        "c4p.email.url=http://127.0.0.1:9",
        "c4p.outbox.retention=7d",
        "c4p.outbox.purge-interval=300ms",
        "c4p.outbox.purge-batch-size=2"})
class OutboxRetentionTest {

    private static final TestPostgres.Database database = TestPostgres.newDatabase("c4p_retention");
    private static final Duration RETENTION = Duration.ofDays(7);

    @Autowired
    OutboxRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        database.registerAsDataSource(registry);
    }

    @Test
    void deliveredEventsOlderThanTheRetentionGoWhilePendingFailedAndRecentOnesStay() {
        Instant now = Instant.now();
        UUID proposal = proposal();
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(event(proposal, "DELIVERED", now.minus(RETENTION).minus(Duration.ofHours(1 + i))));
        }
        UUID recent = event(proposal, "DELIVERED", now.minus(RETENTION).plus(Duration.ofHours(1)));
        UUID failed = event(proposal, "FAILED", null);
        UUID pending = event(proposal, "PENDING", null);
        double purgedBefore = meters.get("outbox.purged").counter().count();

        Awaitility.await("the replica's own purge").atMost(Duration.ofSeconds(20))
                .until(() -> eventsOf(proposal).size() == 3);
        retention.purge();

        assertThat(eventsOf(proposal)).containsExactlyInAnyOrder(recent, failed, pending).doesNotContainAnyElementsOf(old);
        assertThat(meters.get("outbox.purged").counter().count()).isGreaterThanOrEqualTo(purgedBefore + old.size());
    }

    @Test
    void twoReplicasPurgingAtOnceDeleteEveryOldDeliveredEventWithoutError() throws Exception {
        UUID proposal = proposal();
        for (int i = 0; i < 60; i++) {
            event(proposal, "DELIVERED", Instant.now().minus(RETENTION).minus(Duration.ofMinutes(1 + i)));
        }
        List<Callable<Long>> replicas = List.of(retention::purge, retention::purge);

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Long> purge : pool.invokeAll(replicas)) {
                purge.get();
            }
        }

        assertThat(eventsOf(proposal)).isEmpty();
    }

    private UUID proposal() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token, submitted_at)
                        values (:id, 'Kept short', 'An abstract.', 'Ada', 'ada@example.com', 'PENDING', :token, now() - interval '30 days')
                        """)
                .param("id", id).param("token", UUID.randomUUID().toString()).update();
        return id;
    }

    /** An event created 30 days ago; pending ones are not due for a day, so the relay leaves them alone. */
    private UUID event(UUID proposal, String status, Instant deliveredAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into outbox_event (id, proposal_id, kind, idempotency_key, payload, status, attempts,
                                                  next_attempt_at, created_at, delivered_at, last_error)
                        values (:id, :proposal, 'RECEIVED_EMAIL', :key, '{}'::jsonb, :status, 1,
                                now() + interval '1 day', now() - interval '30 days', :deliveredAt,
                                case when :status = 'FAILED' then 'refused' end)
                        """)
                .param("id", id).param("proposal", proposal).param("key", id.toString()).param("status", status)
                .param("deliveredAt", deliveredAt == null ? null : deliveredAt.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    private List<UUID> eventsOf(UUID proposal) {
        return jdbc.sql("select id from outbox_event where proposal_id = :proposal")
                .param("proposal", proposal).query(UUID.class).list();
    }
}

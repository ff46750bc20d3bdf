package dev.conference.c4p.outbox;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.c4p.C4pIntegrationTest;
import dev.conference.c4p.FakeReceiver;
import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.downstream.Downstream;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

class OutboxRelayTest extends C4pIntegrationTest {

    @Autowired
    OutboxStore store;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    CircuitBreakerFactory<?, ?> breakerFactory;
    @Autowired
    MeterRegistry meters;

    @Test
    void failedDeliveryIsRetriedWithBackoffUntilTheReceiverAcceptsIt() {
        email.answerNext(503, 3);
        String id = submit("Retry me");

        eventually(Duration.ofSeconds(15), () -> "DELIVERED".equals(deliveryOf(id, "RECEIVED_EMAIL", "status")),
                "the email is delivered after the receiver recovers");
        assertThat((Integer) deliveryOf(id, "RECEIVED_EMAIL", "attempts")).isGreaterThanOrEqualTo(4);
        assertThat(email.receivedWithKeyContaining(id)).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("proposal:" + id + ":received-email"));
    }

    @Test
    void retryShowsTheLastErrorWhileTheReceiverIsDown() {
        email.answer(503, "{\"title\":\"SMTP server unavailable\"}");
        String id = submit("Down for a while");

        eventually(Duration.ofSeconds(10), () -> deliveryOf(id, "RECEIVED_EMAIL", "lastError") != null,
                "the error is visible");
        assertThat((String) deliveryOf(id, "RECEIVED_EMAIL", "status")).isEqualTo("PENDING");
        assertThat((String) deliveryOf(id, "RECEIVED_EMAIL", "lastError")).contains("email-service unavailable");
        assertThat((String) deliveryOf(id, "RECEIVED_EMAIL", "nextAttemptAt")).isNotNull();

        email.answer(200, "{}");
        eventually(Duration.ofSeconds(15), () -> "DELIVERED".equals(deliveryOf(id, "RECEIVED_EMAIL", "status")),
                "the email is delivered once the receiver is back");
        assertThat((Object) deliveryOf(id, "RECEIVED_EMAIL", "lastError")).isNull();
    }

    @Test
    void refusalIsNotRetriedAndTheReasonIsShownOnTheProposal() {
        String id = approvedWhileTheAgendaIsFull("No room left");

        assertThat((String) deliveryOf(id, "AGENDA_ENTRY", "lastError")).contains("409", "Agenda is full");
        assertThat((Integer) deliveryOf(id, "AGENDA_ENTRY", "attempts")).isEqualTo(1);
        assertThat(agenda.receivedWithKeyContaining(id)).hasSize(1);
    }

    @Test
    void agendaEntryAnsweredGoneBecauseTheProposalWasWithdrawnIsSkippedNotDeliveredRetriedNorFailed() {
        String id = submit("Withdrawn before its entry arrived");
        double skippedBefore = deliveries("AGENDA_ENTRY", "skipped");
        agenda.answer(410, "{\"title\":\"Proposal withdrawn\",\"code\":\"PROPOSAL_WITHDRAWN\"}");
        try {
            decide(id, "APPROVED");

            eventually(Duration.ofSeconds(10), () -> "SKIPPED".equals(deliveryOf(id, "AGENDA_ENTRY", "status")),
                    "the entry is recorded as not placed");
        } finally {
            agenda.answer(201, "{}");
        }
        assertThat((Integer) deliveryOf(id, "AGENDA_ENTRY", "attempts")).isEqualTo(1);
        assertThat((String) deliveryOf(id, "AGENDA_ENTRY", "lastError")).contains("not placed", "withdrawn");
        assertThat((Object) deliveryOf(id, "AGENDA_ENTRY", "deliveredAt")).isNull();
        assertThat((Object) deliveryOf(id, "AGENDA_ENTRY", "nextAttemptAt")).isNull();
        assertThat(agenda.receivedWithKeyContaining(id + ":agenda-entry")).hasSize(1);
        assertThat(deliveries("AGENDA_ENTRY", "skipped")).as("counted as skipped, not delivered").isGreaterThan(skippedBefore);
    }

    @Test
    void agendaRemovalIsRetriedWhileAgendaServiceIsDownAndThenDelivered() {
        String id = submit("Removed after an outage");
        decide(id, "APPROVED");
        String token = jdbc.sql("select tracking_token from proposal where id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
        agenda.answerNext(503, 2);

        http.post().uri("/proposals/track/{token}/withdrawal", token).retrieve().toBodilessEntity();

        eventually(Duration.ofSeconds(15), () -> "DELIVERED".equals(deliveryOf(id, "AGENDA_REMOVAL", "status")),
                "the removal is delivered once agenda-service is back");
        assertThat(agenda.receivedWithKeyContaining(id + ":agenda-removal")).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(request -> assertThat(request.method()).isEqualTo("DELETE"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void refusalIsLoggedOnceWithTheProposal(CapturedOutput output) {
        String id = approvedWhileTheAgendaIsFull("Logged refusal");
        eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(deliveryOf(id, "DECISION_EMAIL", "status")),
                "the email is delivered");

        assertThat(output.getOut().lines().filter(line -> line.contains(id))).singleElement()
                .satisfies(line -> assertThat(line).contains("WARN", "AGENDA_ENTRY", "FAILED", "Agenda is full"));
    }

    @Test
    void emailServiceRefusingTheEmailFailsItForGoodWithTheReason() {
        email.answer(422, "{\"title\":\"Recipient refused\",\"detail\":\"550 5.1.1 User unknown\"}");
        String id;
        try {
            id = submit("Nobody home");

            eventually(Duration.ofSeconds(10), () -> "FAILED".equals(deliveryOf(id, "RECEIVED_EMAIL", "status")),
                    "the refusal is recorded");
        } finally {
            email.answer(200, "{}");
        }
        assertThat((String) deliveryOf(id, "RECEIVED_EMAIL", "lastError")).contains("422", "Recipient refused", "550");
        assertThat((Integer) deliveryOf(id, "RECEIVED_EMAIL", "attempts")).isEqualTo(1);
        assertThat((Object) deliveryOf(id, "RECEIVED_EMAIL", "nextAttemptAt")).isNull();
        assertThat(email.receivedWithKeyContaining(id)).hasSize(1);
    }

    @Test
    void unreachableReceiverIsARetryableFailure() {
        FakeReceiver closed = FakeReceiver.start();
        closed.close();

        assertThatThrownBy(() -> receiverAt(closed.url()).post("/emails", "key", "{}"))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.isPermanent()).isFalse())
                .hasMessageContaining("unavailable");
    }

    @Test
    void overloadAndServerErrorsAreRetryableButOtherClientErrorsAreRefusals() {
        try (FakeReceiver receiver = FakeReceiver.start()) {
            for (int status : new int[] {429, 408, 500, 503}) {
                receiver.answer(status, "{}");
                assertThatThrownBy(() -> receiverAt(receiver.url()).post("/x", "key", "{}"))
                        .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.isPermanent()).isFalse());
            }
            Downstream http = receiverAt(receiver.url());
            receiver.answer(400, "{\"title\":\"Invalid request\"}");
            assertThatThrownBy(() -> http.post("/x", "key", "{}"))
                    .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.isPermanent()).isTrue())
                    .hasMessageContaining("Invalid request");
            receiver.answer(201, "{}");
            http.post("/x", "key", "{}");
        }
    }

    private Downstream receiverAt(String url) {
        return new Downstream("test-receiver-" + UUID.randomUUID(),
                new C4pProperties.Endpoint(URI.create(url), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                RestClient.builder(), breakerFactory);
    }

    @Test
    void concurrentRelaysNeverClaimTheSameEvent() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(UUID.fromString(submit("Claim " + i)));
        }
        // Make this test's events due again and unclaimed, as if their first deliveries had failed.
        jdbc.sql("update outbox_event set status = 'PENDING', locked_until = null, next_attempt_at = now() "
                        + "where proposal_id in (:ids)")
                .param("ids", ids).update();

        Instant later = Instant.now().plusSeconds(3600);
        List<Callable<List<UUID>>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimers.add(() -> transactions.execute(tx -> store.claimDue(OutboxKind.RECEIVED_EMAIL, 15, Instant.now(), later).stream()
                    .map(OutboxStore.ClaimedEvent::id).toList()));
        }
        List<UUID> claimed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<List<UUID>> batch : pool.invokeAll(claimers)) {
                claimed.addAll(batch.get());
            }
        }

        Set<UUID> distinct = new HashSet<>(claimed);
        assertThat(distinct).hasSameSizeAs(claimed);
        jdbc.sql("update outbox_event set status = 'DELIVERED', locked_until = null where proposal_id in (:ids)")
                .param("ids", ids).update();
    }

    @Test
    void emailsStuckAtTheEmailServiceDoNotHoldBackAgendaEntries() {
        email.holdAnswers();
        try {
            // More "received" emails than the relay kept in flight in all before kinds had places of their own.
            for (int i = 0; i < 40; i++) {
                submit("Stuck email " + i);
            }
            eventually(Duration.ofSeconds(15), () -> email.received().stream()
                    .filter(r -> r.idempotencyKey().endsWith(":received-email")).count() >= 16,
                    "the received emails' places are all taken");
            String id = submit("Approved while emails are stuck");
            decide(id, "APPROVED");

            eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(deliveryOf(id, "AGENDA_ENTRY", "status")),
                    "the agenda entry is delivered while the emails wait");
            eventually(Duration.ofSeconds(10), () -> !email.receivedWithKeyContaining(id + ":decision-email").isEmpty(),
                    "the decision email reaches email-service while the received emails wait");
        } finally {
            email.answerAgain();
        }
    }

    @Test
    void circuitBreakerSettingsComeFromConfiguration() {
        assertThat(breakers.circuitBreaker("email-service").getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState()
                .apply(1)).isEqualTo(200L);
    }

    private double deliveries(String kind, String outcome) {
        Counter counter = meters.find("outbox.deliveries").tag("kind", kind).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private <T> T deliveryOf(String proposalId, String kind, String field) {
        List<T> values = read(get("/proposals/{id}", proposalId), "$.deliveries[?(@.kind == '" + kind + "')]." + field);
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Approves a new proposal while agenda-service refuses entries as full, until the relay recorded the refusal. */
    private String approvedWhileTheAgendaIsFull(String title) {
        String id = submit(title);
        agenda.answer(409, "{\"title\":\"Agenda is full\",\"code\":\"AGENDA_FULL\"}");
        try {
            decide(id, "APPROVED");

            eventually(Duration.ofSeconds(10), () -> "FAILED".equals(deliveryOf(id, "AGENDA_ENTRY", "status")),
                    "the refusal is recorded");
        } finally {
            agenda.answer(201, "{}");
        }
        return id;
    }
}

package dev.conference.c4p.outbox;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox's lateness as the service level objective and the backlog alert read it. */
class OutboxMetricsTest extends C4pIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aDeliveryRecordsTheTimeFromTheDecisionToItsAcceptanceInBucketsAroundOneSecond() {
        long before = lagCount("AGENDA_ENTRY");
        String id = submit("Measured");

        decide(id, "APPROVED");

        eventually(Duration.ofSeconds(10), () -> lagCount("AGENDA_ENTRY") == before + 1, "the agenda entry's lag was recorded");
        Timer lag = meters.get("outbox.delivery.lag").tag("kind", "AGENDA_ENTRY").timer();
        assertThat(lag.max(TimeUnit.SECONDS)).isBetween(0.0, 10.0);
        String exposition = get("/actuator/prometheus").getBody();
        assertThat(exposition).containsPattern(
                "outbox_delivery_lag_seconds_bucket\\{[^}]*kind=\"AGENDA_ENTRY\"[^}]*le=\"1\\.0\"");
    }

    @Test
    void theOldestPendingEventAgesWhileItsReceiverIsDownAndTheAgeFallsToZeroOnceItIsDelivered() {
        email.answer(503, "{\"title\":\"SMTP server unavailable\"}");
        try {
            submit("Waiting");

            eventually(Duration.ofSeconds(10), () -> oldestPendingAge() >= 1.0, "the oldest pending event ages");
        } finally {
            email.answer(200, "{}");
        }

        eventually(Duration.ofSeconds(15), () -> oldestPendingAge() == 0.0, "nothing is pending any more");
        assertThat(get("/actuator/prometheus").getBody()).contains("outbox_oldest_pending_age_seconds");
    }

    @Test
    void everyKindsRefusalCounterIsThereAtZeroBeforeTheFirstRefusal() {
        for (OutboxKind kind : OutboxKind.values()) {
            assertThat(meters.get("outbox.deliveries").tag("kind", kind.name()).tag("outcome", "refused").counter())
                    .as("the refusal counter of %s", kind).isNotNull();
        }
        assertThat(get("/actuator/prometheus").getBody())
                .contains("outbox_deliveries_total{application=\"c4p-service\",kind=\"AGENDA_ENTRY\",outcome=\"refused\"}");
    }

    @Test
    void everyKindsDeliveryLagIsThereBeforeItsFirstDelivery() {
        for (OutboxKind kind : OutboxKind.values()) {
            assertThat(meters.find("outbox.delivery.lag").tag("kind", kind.name()).timer())
                    .as("the delivery lag of %s", kind).isNotNull();
        }
        assertThat(get("/actuator/prometheus").getBody())
                .contains("outbox_deliveries_total{application=\"c4p-service\",kind=\"AGENDA_REMOVAL\",outcome=\"refused\"}")
                .contains("outbox_deliveries_total{application=\"c4p-service\",kind=\"WITHDRAWAL_EMAIL\",outcome=\"refused\"}")
                .containsPattern("outbox_delivery_lag_seconds_count\\{[^}]*kind=\"WITHDRAWAL_EMAIL\"");
    }

    private long lagCount(String kind) {
        Timer timer = meters.find("outbox.delivery.lag").tag("kind", kind).timer();
        return timer == null ? 0 : timer.count();
    }

    private double oldestPendingAge() {
        return meters.get("outbox.oldest.pending.age").gauge().value();
    }
}

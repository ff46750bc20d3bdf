package dev.conference.c4p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ActuatorTest extends C4pIntegrationTest {

    @Test
    void probesAreUpWithTheDatabase() {
        ResponseEntity<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).contains("\"UP\"");
    }

    @Test
    void prometheusShowsTheOutboxAndCircuitBreakers() {
        decide(submit("Metrics"), "APPROVED");

        eventually(Duration.ofSeconds(10), () -> get("/actuator/prometheus").getBody()
                .contains("outbox_deliveries_total{"), "a delivery was counted");
        String metrics = get("/actuator/prometheus").getBody();
        assertThat(metrics).contains("outbox_backlog", "proposals_submitted_total", "proposals_decided_total",
                "resilience4j_circuitbreaker_state");
    }

    @Test
    void nothingElseOfTheActuatorIsExposed() {
        assertThat(get("/actuator/env").getStatusCode().value()).isEqualTo(404);
        assertThat(get("/actuator/beans").getStatusCode().value()).isEqualTo(404);
    }
}

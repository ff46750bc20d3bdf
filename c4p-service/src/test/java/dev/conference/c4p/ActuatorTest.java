package dev.conference.c4p;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
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

        // The counters exist from the start at zero: wait for a delivery to be counted.
        eventually(Duration.ofSeconds(10), () -> Pattern.compile("outbox_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*} [1-9]")
                .matcher(get("/actuator/prometheus").getBody()).find(), "a delivery was counted");
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

package dev.conference.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Kubernetes probes and Prometheus scrapes, and nothing more. */
class ActuatorTest extends AgendaServiceTest {

    @Test
    void readinessIsUpAndIncludesRedis() {
        Response readiness = api.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessIsUp() {
        Response liveness = api.get("/actuator/health/liveness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusScrapesTheAgendaMetrics() {
        Response metrics = api.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("agenda_items_placed_total")
                .contains("agenda_items{")
                .contains("jvm_memory_used_bytes")
                .contains("application=\"agenda-service\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings", "shutdown"})
    void endpointsThatLeakOrChangeStateAreNotExposed(String endpoint) {
        assertThat(api.get("/actuator/" + endpoint).status()).isEqualTo(404);
    }
}

package dev.conference.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/** In the cluster the actuator has a port of its own (management.server.port), and the service's port answers none of it. */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends AgendaServiceTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        HttpApi management = new HttpApi(managementPort);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("agenda_items_placed_total");
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(404);
        assertThat(api.get("/agenda-items").status()).isEqualTo(200);
    }
}

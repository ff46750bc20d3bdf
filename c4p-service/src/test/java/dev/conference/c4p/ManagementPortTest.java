package dev.conference.c4p;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/** In the cluster the actuator has a port of its own (management.server.port), and the service's port answers none of it. */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends C4pIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        RestClient management = RestClient.builder().baseUrl("http://localhost:" + managementPort)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class)).contains("outbox_backlog");
        assertThat(get("/actuator/prometheus").getStatusCode().value()).isEqualTo(404);
        assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(404);
    }
}

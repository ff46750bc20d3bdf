package dev.conference.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * In the cluster the actuator has a port of its own (management.server.port) that no Ingress routes to:
 * the public port then answers nothing of it, and probes and Prometheus find it on the other one.
 */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends GatewayTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        assertThat(managementPort).isNotEqualTo(port);
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(15)).build();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("jvm_memory_used_bytes{application=\"frontend-service\""));
        management.get().uri("/actuator/env").exchange().expectStatus().value(status -> assertThat(status).isIn(401, 403, 404));

        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness"}) {
            http.get().uri(path).exchange().expectStatus().value(status ->
                    assertThat(status).as("the public port answers %s with %d", path, status).isIn(401, 403, 404));
        }
    }
}

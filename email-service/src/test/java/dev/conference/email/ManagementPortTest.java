package dev.conference.email;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** In the cluster the actuator has a port of its own (management.server.port), and the service's port answers none of it. */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends SmtpBackedTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        RestTestClient management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();

        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        client().get().uri("/actuator/health/readiness").exchange().expectStatus().isNotFound();
    }
}

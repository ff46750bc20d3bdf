package dev.conference.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.TestRedis;
import dev.conference.testsupport.TestRedis.KeySpace;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In the cluster the actuator has a port of its own (management.server.port), and the service's port answers none of it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementPortTest {

    private static final KeySpace REDIS = TestRedis.newKeySpace("agenda");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeySpace.register(registry, REDIS);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() {
        HttpApi management = new HttpApi(managementPort);
        HttpApi service = new HttpApi(port);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("agenda_items_placed_total");
        assertThat(service.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(404);
        assertThat(service.get("/agenda-items").status()).isEqualTo(200);
    }
}

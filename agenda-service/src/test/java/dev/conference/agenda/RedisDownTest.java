package dev.conference.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.HttpApi.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With Redis unreachable the service says so: not ready, 503 problems the gateway can fall back on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=500ms"})
class RedisDownTest {

    @DynamicPropertySource
    static void redisNobodyListensOn(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> closedPort);
        registry.add("agenda.key-prefix", () -> "test:agenda:down:");
    }

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @Test
    void readinessIsDownButLivenessStaysUpSoKubernetesStopsRoutingWithoutRestarting() {
        Response readiness = api.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void readingTheAgendaAnswers503Problem() {
        assertUnavailable(api.get("/agenda-items"));
        assertUnavailable(api.get("/agenda-items?day=2027-05-12"));
        assertUnavailable(api.send("GET", "/agenda-items", null, BodyPublishers.noBody(), Map.of("If-None-Match", "*")));
        assertUnavailable(api.get("/agenda-items/" + UUID.randomUUID()));
        assertUnavailable(api.get("/slots"));
    }

    @Test
    void changingTheAgendaAnswers503Problem() {
        assertUnavailable(api.createItem(UUID.randomUUID().toString(), "Nowhere to go"));
        assertUnavailable(api.send("PUT", "/agenda-items/" + UUID.randomUUID() + "/slot", "application/json",
                HttpApi.json(Map.of("day", "2027-05-12", "startTime", "09:00", "room", "Main Hall"))));
        assertUnavailable(api.delete("/agenda-items/" + UUID.randomUUID()));
    }

    @Test
    void prometheusStillAnswers() {
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }
}

package dev.conference.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Without its Redis (sessions), a login is answered 503 with a problem and Retry-After, as any other outage. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisDownTest {

    private static final String CSRF = "test-csrf-token";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void redisNowhere(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> port);
        registry.add("spring.data.redis.timeout", () -> "500ms");
        registry.add("spring.data.redis.connect-timeout", () -> "500ms");
        registry.add("frontend.organizers.olivia", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret"));
    }

    @Test
    void aLoginWithoutRedisIsAProblemWithRetryAfterNotA500() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
        var result = http.post().uri("/login").cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF)
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "olivia").with("password", "secret"))
                .exchange()
                .expectBody(String.class).returnResult();

        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(503);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
    }
}

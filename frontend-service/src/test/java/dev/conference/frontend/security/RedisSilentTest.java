package dev.conference.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Redis that takes connections but never answers, as an overloaded one: a signed-in request whose
 * session cannot be read in time is answered 503 with a problem and Retry-After, not 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisSilentTest {

    /** Listening, never accepting: the kernel completes the connections, nothing ever answers on them. */
    private static final ServerSocket SILENT_REDIS = listen();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void silentRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", SILENT_REDIS::getLocalPort);
        registry.add("spring.data.redis.timeout", () -> "500ms");
        registry.add("spring.data.redis.connect-timeout", () -> "500ms");
    }

    @AfterAll
    static void close() throws IOException {
        SILENT_REDIS.close();
    }

    @Test
    void aSignedInRequestWhoseSessionCannotBeReadIsAProblemWithRetryAfterNotA500() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        var result = http.get().uri("/api/proposals").cookie("SESSION", "c2Vzc2lvbi10aGF0LWNhbm5vdC1iZS1yZWFk")
                .accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectBody(String.class).returnResult();

        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(503);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

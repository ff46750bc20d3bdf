package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.RandomPortFrontendTest;
import dev.conference.testsupport.TestRedis;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A backend closes a kept-alive connection after its keep-alive timeout; a request the gateway sends on it at
 * that moment is lost ("prematurely closed"), and a POST is not retried. The gateway retires its pooled
 * connections before that: here, scaled down, after 500 ms unused against a backend that keeps them for 1 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackendConnectionsTest {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final KeepAliveBackend BACKEND = new KeepAliveBackend(KEEP_ALIVE);
    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend");
    private static final String CSRF = "test-csrf-token";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void c4pClosesIdleConnections(DynamicPropertyRegistry registry) {
        registry.add("frontend.c4p-url", BACKEND::url);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.pool.max-idle-time", () -> "500ms");
        registry.add("frontend.submissions.burst", () -> "10");
        REDIS.register(registry, "frontend.key-prefix");
    }

    @AfterAll
    static void stop() throws IOException {
        BACKEND.close();
    }

    @Test
    void postsAfterPausesLongerThanTheBackendsKeepAliveAllSucceed() throws InterruptedException {
        WebTestClient http = WebTestClient.bindToServer(RandomPortFrontendTest.freshConnections()).baseUrl("http://127.0.0.1:" + port).build();
        for (Duration pause : new Duration[] {Duration.ZERO, Duration.ofMillis(700), Duration.ofMillis(1_500),
                Duration.ofMillis(100), Duration.ofMillis(1_300)}) {
            Thread.sleep(pause);
            http.post().uri("/api/proposals").cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}")
                    .exchange().expectStatus().isCreated();
        }
        assertThat(BACKEND.dropped).as("requests sent on connections the backend had closed").hasValue(0);
        assertThat(BACKEND.answered).hasValue(5);
    }

    /**
     * Answers every request with 201 on a kept-alive connection, except one that arrives after the connection
     * was idle for longer than the keep-alive timeout: that one finds the connection closed, as it would at a
     * Tomcat whose close crossed the request on the wire.
     */
    static final class KeepAliveBackend implements AutoCloseable {

        final AtomicInteger dropped = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        private final Duration keepAlive;
        private final ServerSocket server;

        KeepAliveBackend(Duration keepAlive) {
            this.keepAlive = keepAlive;
            try {
                this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().start(this::accept);
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                long idleSince = -1;
                while (true) {
                    String requestLine = readLine(in);
                    if (requestLine == null) {
                        return;
                    }
                    if (idleSince >= 0 && System.nanoTime() - idleSince > keepAlive.toNanos()) {
                        dropped.incrementAndGet();
                        return;
                    }
                    int length = 0;
                    for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring("content-length:".length()).strip());
                        }
                    }
                    in.readNBytes(length);
                    byte[] body = "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"status\":\"PENDING\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    answered.incrementAndGet();
                    idleSince = System.nanoTime();
                }
            } catch (IOException e) {
                // the gateway closed the connection
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return null;
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

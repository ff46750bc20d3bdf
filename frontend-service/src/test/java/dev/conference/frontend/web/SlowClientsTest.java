package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Clients that send requests slowly, or nothing at all, lose their connection (here with timeouts scaled down
 * to a second or two), while a kept-alive connection between requests stays until the idle timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "frontend.requests.header-timeout=1s", "frontend.requests.body-timeout=2s", "server.netty.idle-timeout=3s"})
class SlowClientsTest {

    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        REDIS.register(registry, "frontend.key-prefix");
    }

    @Test
    void headersDribbledInByteByByteLoseTheConnectionAfterTheHeaderTimeout() throws IOException {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            send(socket, "GET /submit HTTP/1.1\r\nHost: localhost\r\n");
            Duration closedAfter = null;
            for (int i = 0; i < 40 && closedAfter == null; i++) {
                try {
                    send(socket, "X-Slow-" + i + ": x\r\n");
                } catch (IOException closed) {
                    closedAfter = since(start);
                }
                if (closedAfter == null && closedWithin(socket, Duration.ofMillis(150))) {
                    closedAfter = since(start);
                }
            }
            assertThat(closedAfter).as("the server closed the connection").isNotNull()
                    .isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() throws IOException {
        try (Socket socket = connect()) {
            assertClosedBetween(socket, Duration.ofMillis(900), Duration.ofMillis(2_500), Duration.ofSeconds(4));
        }
    }

    @Test
    void aKeptAliveConnectionWaitsForItsNextRequestUntilTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /favicon.svg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200");
            assertThat(closedWithin(socket, Duration.ofMillis(1_800))).as("closed after the header timeout").isFalse();
            send(socket, "GET /favicon.svg HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 200");
            assertClosedBetween(socket, Duration.ofMillis(2_500), Duration.ofMillis(4_500), Duration.ofSeconds(6));
        }
    }

    @Test
    void aBodyDribbledInLosesTheConnectionAfterTheBodyTimeout() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\nCookie: XSRF-TOKEN=t\r\nX-XSRF-TOKEN: t\r\n\r\nusername=olivia");
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    send(socket, "x");
                    closed = closedWithin(socket, Duration.ofMillis(150));
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).isTrue();
            assertThat(since(start)).isLessThan(Duration.ofMillis(4_000));
        }
    }

    @Test
    void headersLargerThanTheLimitAreRefused() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /submit HTTP/1.1\r\nHost: localhost\r\nX-Large: " + "x".repeat(9_000) + "\r\n\r\n");
            assertThat(readAnswer(socket)).startsWith("HTTP/1.1 431");
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The server closes the connection, within {@code wait}, between {@code earliest} and {@code latest} from now. */
    private static void assertClosedBetween(Socket socket, Duration earliest, Duration latest, Duration wait)
            throws IOException {
        long start = System.nanoTime();
        assertThat(closedWithin(socket, wait)).isTrue();
        assertThat(since(start)).isBetween(earliest, latest);
    }

    /** Reads (and drops) what the server sends; true once it closed the connection within that time. */
    private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read(new byte[4096]) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    /** The status line and headers of one answer, and its body by Content-Length. */
    private static String readAnswer(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
            }
        }
        return head.toString();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}

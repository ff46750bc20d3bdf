package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import io.netty.util.ResourceLeakDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/**
 * A form body sent in chunks, without Content-Length, is held to {@code platform.web.max-request-body} too,
 * wherever the frontend reads forms itself (the login, the logout, the CSRF token of a form post): 413
 * problem+json, and every buffer it read released.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChunkedFormLimitTest extends GatewayTest {

    private static ResourceLeakDetector.Level leakDetection;

    @BeforeAll
    static void detectEveryLeak() {
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(leakDetection);
    }

    @Test
    void aChunkedLoginFormOverTheLimitIs413AndLeaksNothing(CapturedOutput output) throws Exception {
        tooLarge(withCsrf(http.post().uri("/login")).accept(MediaType.APPLICATION_JSON), 12);
        // Past the form reader's own 256 KB buffer, which answered 500.
        tooLarge(withCsrf(http.post().uri("/login")).accept(MediaType.APPLICATION_JSON), 40);
        // From a plain socket too: a Netty client may leak on its side when the server answers before the upload ends.
        for (int i = 0; i < 3; i++) {
            assertThat(postChunkedLogin(12)).isEqualTo(413);
            assertThat(postChunkedLogin(40)).isEqualTo(413);
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            http.get().uri("/submit").exchange().expectStatus().isOk().expectBody().returnResult();
        }
        assertThat(serverLeaks(output)).as("Netty's reports of server buffers never released").isEmpty();
    }

    @Test
    void aChunkedLogoutFormOverTheLimitIs413() {
        tooLarge(http.post().uri("/logout").cookie("XSRF-TOKEN", CSRF), 12);
    }

    @Test
    void aChunkedFormWhoseCsrfTokenIsInTheBodyIs413() {
        // Without the header, the CSRF check looks for the token in the form.
        tooLarge(http.post().uri("/api/proposals").cookie("XSRF-TOKEN", CSRF), 12);
        assertThat(C4P.received()).isEmpty();
    }

    @Test
    void aChunkedLoginFormUnderTheLimitStillLogsIn() {
        withCsrf(http.post().uri("/login")).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromDataBuffers(chunks("username=" + ORGANIZER + "&password=" + PASSWORD.replace(' ', '+'), 1)))
                .exchange()
                .expectStatus().isOk();
    }

    private static void tooLarge(WebTestClient.RequestBodySpec request, int chunksOf8Kb) {
        request.contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromDataBuffers(chunks("_csrf=" + CSRF + "&username=olivia&password=" + "p".repeat(8_192), chunksOf8Kb)))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
    }

    /** The text {@code times} times over, one chunk each: no Content-Length. */
    private static Flux<DataBuffer> chunks(String text, int times) {
        return Flux.range(0, times).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                (i == 0 ? text : "&x" + i + "=" + text).getBytes(StandardCharsets.UTF_8)));
    }

    /** Netty's leak reports (each from "LEAK:" to the next log line) about buffers the server read. */
    private static List<String> serverLeaks(CapturedOutput output) {
        return Pattern.compile("LEAK:.*?(?=\\n\\d{4}-\\d{2}-\\d{2}T|\\z)", Pattern.DOTALL).matcher(output.getAll()).results()
                .map(MatchResult::group)
                .filter(report -> report.contains("HttpServerCodec") || report.contains("dev.conference"))
                .toList();
    }

    /** Sends a login form in 8 KB chunks (Netty reports a leaked buffer once it is collected) and answers the status. */
    private int postChunkedLogin(int chunksOf8Kb) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
                    + "Cookie: XSRF-TOKEN=" + CSRF + "\r\nX-XSRF-TOKEN: " + CSRF + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < chunksOf8Kb; i++) {
                    byte[] chunk = ((i == 0 ? "username=olivia&password=" : "&x" + i + "=") + "p".repeat(8_192))
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException answeredBeforeTheEnd) {
                // the server refused the body before it was all sent
            }
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}

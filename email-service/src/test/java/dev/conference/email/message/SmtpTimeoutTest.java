package dev.conference.email.message;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** An SMTP server that accepts the connection and never says a word: the send times out instead of hanging. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.properties.mail.smtp.connectiontimeout=500",
        "spring.mail.properties.mail.smtp.timeout=500",
        "spring.mail.properties.mail.smtp.writetimeout=500"})
class SmtpTimeoutTest {

    private static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();
    private static final ServerSocket SILENT_SERVER = silentServer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SILENT_SERVER::getLocalPort);
    }

    @AfterAll
    static void closeSilentServer() throws IOException {
        SILENT_SERVER.close();
        for (Socket socket : ACCEPTED) {
            socket.close();
        }
    }

    @Test
    void aSilentSmtpServerAnswers503WithinTheTimeout() {
        String body = """
                {"idempotencyKey":"timeout:%s","template":"PROPOSAL_RECEIVED","to":"ada@example.com",\
                "speakerName":"Ada Lovelace","proposalTitle":"Engines"}""".formatted(UUID.randomUUID());

        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.title").isEqualTo("SMTP server unavailable");
    }

    private static ServerSocket silentServer() {
        try {
            var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        ACCEPTED.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.SmtpProxy;
import dev.conference.email.TestSmtpServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The service sends its emails over connections it keeps, and replaces one the SMTP server dropped. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmtpConnectionReuseTest {

    static final SmtpProxy proxy = SmtpProxy.to(TestSmtpServer.port());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", proxy::port);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @Test
    void emailsOneAfterAnotherTravelOnOneSmtpConnection() {
        int before = proxy.connectionsOpened();

        for (int i = 0; i < 5; i++) {
            sendAndExpectDelivered();
        }

        assertThat(proxy.connectionsOpened() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void anEmailAfterTheSmtpServerDroppedTheConnectionIsSentOnANewOne() {
        sendAndExpectDelivered();
        int before = proxy.connectionsOpened();
        proxy.dropConnections();

        sendAndExpectDelivered();

        assertThat(proxy.connectionsOpened() - before).isEqualTo(1);
    }

    private void sendAndExpectDelivered() {
        String body = """
                {"idempotencyKey":"reuse:%s","template":"PROPOSAL_APPROVED","to":"ada@example.com",\
                "speakerName":"Ada Lovelace","proposalTitle":"Engines"}""".formatted(UUID.randomUUID());
        SendEmailResponse response = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(SendEmailResponse.class).returnResult().getResponseBody();
        assertThat(TestSmtpServer.messagesWithId(response.messageId())).hasSize(1);
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.EmailServiceTest;
import dev.conference.email.MailSettings;
import dev.conference.email.SmtpProxy;
import dev.conference.email.TestSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service sends its emails over connections it keeps, and replaces one the SMTP server dropped. */
class SmtpConnectionReuseTest extends EmailServiceTest {

    @RegisterExtension
    static final SmtpProxy proxy = new SmtpProxy(TestSmtpServer.port());

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, proxy::port);
    }

    @Test
    void emailsOneAfterAnotherTravelOnOneSmtpConnection() {
        int before = proxy.connectionsAccepted();

        for (int i = 0; i < 5; i++) {
            sendAndExpectDelivered();
        }

        assertThat(proxy.connectionsAccepted() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void anEmailAfterTheSmtpServerDroppedTheConnectionIsSentOnANewOne() {
        sendAndExpectDelivered();
        int before = proxy.connectionsAccepted();
        proxy.dropConnections();

        sendAndExpectDelivered();

        assertThat(proxy.connectionsAccepted() - before).isEqualTo(1);
    }

    private void sendAndExpectDelivered() {
        SendEmailResponse response = postEmail(requestJson(uniqueKey(), "PROPOSAL_APPROVED", "ada@example.com", "Engines"))
                .expectStatus().isOk()
                .expectBody(SendEmailResponse.class).returnResult().getResponseBody();
        assertThat(TestSmtpServer.messagesWithId(response.messageId())).hasSize(1);
    }
}

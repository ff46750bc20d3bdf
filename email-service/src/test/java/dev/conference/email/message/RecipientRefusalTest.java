package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.EmailServiceTest;
import dev.conference.email.MailSettings;
import dev.conference.email.RefusingSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * An SMTP server that refuses the recipient: for good (5xx to RCPT TO) is 422, so c4p stops retrying;
 * for now (4xx) is 503, so c4p retries.
 */
class RecipientRefusalTest extends EmailServiceTest {

    @RegisterExtension
    static final RefusingSmtpServer smtp = new RefusingSmtpServer("550 5.1.1 <nobody@example.com>: User unknown");

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, smtp::port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"550 5.1.1 <nobody@example.com>: User unknown", "553 5.1.3 Bad recipient address syntax",
            "551 5.1.6 User not local", "554 5.7.1 Relay access denied"})
    void recipientRefusedForGoodIs422AndNothingIsSent(String reply) {
        smtp.answerRecipients(reply);
        int before = smtp.messagesReceived();

        send("nobody@example.com")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("Retry-After")
                .expectBody()
                .jsonPath("$.status").isEqualTo(422)
                .jsonPath("$.title").isEqualTo("Recipient refused")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(reply.substring(0, 3)));

        assertThat(smtp.messagesReceived()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"450 4.2.1 Mailbox busy, try again later", "451 4.7.1 Greylisted, come back in 5 minutes",
            "452 4.5.3 Too many recipients"})
    void recipientRefusedForNowIs503SoTheCallerRetries(String reply) {
        smtp.answerRecipients(reply);

        send("busy@example.com")
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.title").isEqualTo("SMTP server unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(reply.substring(0, 3)));
    }

    @Test
    void aRefusedKeyIsNotRememberedAsSent() {
        String key = uniqueKey();
        smtp.answerRecipients("550 5.1.1 User unknown");
        send(key, "later@example.com").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        smtp.answerRecipients("250 2.1.5 OK");
        int before = smtp.messagesReceived();
        send(key, "later@example.com").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SENT");
        assertThat(smtp.messagesReceived()).isEqualTo(before + 1);
    }

    private RestTestClient.ResponseSpec send(String to) {
        return send(uniqueKey(), to);
    }

    private RestTestClient.ResponseSpec send(String key, String to) {
        return postEmail(requestJson(key, "PROPOSAL_RECEIVED", to, "Engines"));
    }
}

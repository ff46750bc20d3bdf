package dev.conference.email.message;

import dev.conference.email.EmailServiceTest;
import dev.conference.email.LoopbackServer;
import dev.conference.email.MailSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** An SMTP server that accepts the connection and never says a word: the send times out instead of hanging. */
@TestPropertySource(properties = {
        "spring.mail.properties.mail.smtp.connectiontimeout=500",
        "spring.mail.properties.mail.smtp.timeout=500",
        "spring.mail.properties.mail.smtp.writetimeout=500"})
class SmtpTimeoutTest extends EmailServiceTest {

    @RegisterExtension
    static final LoopbackServer silentSmtp = LoopbackServer.silent();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, silentSmtp::port);
    }

    @Test
    void aSilentSmtpServerAnswers503WithinTheTimeout() {
        postEmail(requestJson(uniqueKey(), "PROPOSAL_RECEIVED", "ada@example.com", "Engines"))
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.title").isEqualTo("SMTP server unavailable");
    }
}

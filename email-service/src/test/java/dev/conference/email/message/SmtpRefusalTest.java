package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.conference.email.EmailServiceTest;
import dev.conference.email.MailSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** An SMTP server that requires a login and refuses the service's wrong password. */
@TestPropertySource(properties = {
        "spring.mail.username=email-service",
        "spring.mail.password=wrong-password",
        "spring.mail.properties.mail.smtp.auth=true"})
class SmtpRefusalTest extends EmailServiceTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("email-service", "right-password"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, () -> smtp.getSmtp().getPort());
    }

    @Test
    void smtpServerRefusingTheLoginAnswers503AndSendsNothing() {
        postEmail(requestJson(uniqueKey(), "PROPOSAL_RECEIVED", "ada@example.com", "Engines"))
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.title").isEqualTo("SMTP server unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("535"));

        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** An SMTP server that requires a login and refuses the service's wrong password. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.username=email-service",
        "spring.mail.password=wrong-password",
        "spring.mail.properties.mail.smtp.auth=true"})
class SmtpRefusalTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("email-service", "right-password"))
            .withPerMethodLifecycle(false);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Test
    void smtpServerRefusingTheLoginAnswers503AndSendsNothing() {
        String body = """
                {"idempotencyKey":"refused:%s","template":"PROPOSAL_RECEIVED","to":"ada@example.com",\
                "speakerName":"Ada Lovelace","proposalTitle":"Engines"}""".formatted(UUID.randomUUID());

        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.title").isEqualTo("SMTP server unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("535"));

        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.SmtpBackedTest;
import dev.conference.email.TestSmtpServer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class SmtpOutageTest extends SmtpBackedTest {

    @Test
    void smtpDownAnswers503AndTheRetryIsDeliveredOnceItIsBack() {
        String key = uniqueKey();
        String body = requestJson(key, "PROPOSAL_APPROVED", "ada@example.com", "Engines");

        TestSmtpServer.stop();
        try {
            client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(503)
                    .jsonPath("$.title").isEqualTo("SMTP server unavailable")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("The email was not sent: "));
        } finally {
            TestSmtpServer.start();
        }

        SendEmailResponse retried = client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(SendEmailResponse.class).returnResult().getResponseBody();

        assertThat(retried.status()).isEqualTo(SendEmailResponse.Status.SENT);
        assertThat(TestSmtpServer.messagesWithId(retried.messageId())).hasSize(1);
        assertThat(client().get().uri("/actuator/prometheus").exchange()
                .expectBody(String.class).returnResult().getResponseBody())
                .containsPattern("emails_failed_total\\{.*template=\"PROPOSAL_APPROVED\".*} [1-9]");
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.SmtpBackedTest;
import dev.conference.email.TestSmtpServer;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class SendEmailTest extends SmtpBackedTest {

    @ParameterizedTest
    @CsvSource({
            "PROPOSAL_RECEIVED, We received your proposal: Types at scale",
            "PROPOSAL_APPROVED, Your proposal was accepted: Types at scale",
            "PROPOSAL_REJECTED, About your proposal: Types at scale",
            "PROPOSAL_WITHDRAWN, Your proposal was withdrawn: Types at scale"})
    void eachTemplateIsDeliveredAsOneTextAndHtmlMessage(String template, String subject) throws Exception {
        String key = uniqueKey();
        String messageId = MessageId.forKey(key, "conference-platform.local").value();

        SendEmailResponse response = post(requestJson(key, template, "ada@example.com", "Types at scale"));

        assertThat(response).isEqualTo(new SendEmailResponse(messageId, SendEmailResponse.Status.SENT));
        List<MimeMessage> received = TestSmtpServer.messagesWithId(messageId);
        assertThat(received).hasSize(1);
        MimeMessage message = received.getFirst();
        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(message.getRecipients(RecipientType.TO))
                .containsExactly(new InternetAddress("ada@example.com"));
        assertThat(message.getFrom()).extracting(address -> ((InternetAddress) address).getAddress())
                .containsExactly("cfp@conference.local");
        assertThat(message.getHeader("X-Idempotency-Key")).containsExactly(key);
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Types at scale", "Ada Lovelace",
                "http://localhost:8080/track/abc");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Types at scale",
                "href=\"http://localhost:8080/track/abc\"");
    }

    @Test
    void repeatingAnIdempotencyKeySendsOnce() {
        String key = uniqueKey();
        String body = requestJson(key, "PROPOSAL_APPROVED", "grace@example.com", "Compilers");

        SendEmailResponse first = post(body);
        SendEmailResponse second = post(body);

        assertThat(first.status()).isEqualTo(SendEmailResponse.Status.SENT);
        assertThat(second).isEqualTo(new SendEmailResponse(first.messageId(), SendEmailResponse.Status.ALREADY_SENT));
        assertThat(TestSmtpServer.messagesWithId(first.messageId())).hasSize(1);
    }

    @Test
    void concurrentRequestsWithOneKeySendOnce() throws Exception {
        String key = uniqueKey();
        String body = requestJson(key, "PROPOSAL_RECEIVED", "linus@example.com", "Kernels");
        var start = new CountDownLatch(1);
        Callable<SendEmailResponse> send = () -> {
            start.await();
            return post(body);
        };

        List<SendEmailResponse> responses;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = IntStream.range(0, 10).mapToObj(i -> executor.submit(send)).toList();
            start.countDown();
            responses = futures.stream().map(future -> {
                try {
                    return future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }

        assertThat(responses).extracting(SendEmailResponse::status)
                .containsOnlyOnce(SendEmailResponse.Status.SENT)
                .hasSize(10);
        assertThat(responses).extracting(SendEmailResponse::messageId).containsOnly(responses.getFirst().messageId());
        assertThat(TestSmtpServer.messagesWithId(responses.getFirst().messageId())).hasSize(1);
    }

    @Test
    void titleWithLineBreaksIsRefusedBeforeItCanAddHeadersOrRecipients() {
        String body = requestJson(uniqueKey(), "PROPOSAL_RECEIVED", "ada@example.com",
                "Hello\\r\\nBcc: victim@example.com\\r\\nX-Injected: yes");

        client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("proposalTitle");
    }

    private SendEmailResponse post(String body) {
        return client().post().uri("/emails")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(SendEmailResponse.class)
                .returnResult()
                .getResponseBody();
    }
}

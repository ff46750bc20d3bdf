package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.conference.email.config.EmailProperties;
import dev.conference.email.message.SendEmailResponse.Status;
import dev.conference.email.template.EmailRenderer;
import dev.conference.email.template.EmailTemplate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class EmailSenderTest {

    private static final EmailProperties PROPERTIES = new EmailProperties(
            "Conference Platform <cfp@conference.local>", "Conference 2027", "conference-platform.local", 2);

    private final SmtpConnectionPool smtp = mock(SmtpConnectionPool.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EmailSender sender = new EmailSender(smtp,
            new EmailComposer(new EmailRenderer(PROPERTIES), PROPERTIES, new JavaMailSenderImpl()), meters, PROPERTIES);

    @Test
    void requestsForAKeyBeingSentWaitForThatSendInsteadOfSendingAgain() throws Exception {
        var smtpEntered = new CountDownLatch(1);
        var smtpMayAnswer = new CountDownLatch(1);
        doAnswer(invocation -> {
            smtpEntered.countDown();
            smtpMayAnswer.await();
            return null;
        }).when(smtp).send(any(MimeMessage.class));

        List<Future<SendEmailResponse>> responses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            responses.add(executor.submit(() -> sender.send(request("k"))));
            assertThat(smtpEntered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 9; i++) {
                responses.add(executor.submit(() -> sender.send(request("k"))));
            }
            Thread.sleep(100); // time for the nine to reach the wait; had they not, they would still find the key sent
            smtpMayAnswer.countDown();
        }

        verify(smtp, times(1)).send(any(MimeMessage.class));
        assertThat(responses.getFirst().get().status()).isEqualTo(Status.SENT);
        assertThat(responses.subList(1, 10)).extracting(Future::get).extracting(SendEmailResponse::status)
                .containsOnly(Status.ALREADY_SENT);
    }

    @Test
    void aFailedSendIsNotRememberedSoTheRetrySends() throws Exception {
        doThrow(new MessagingException("Mail server connection failed")).doNothing()
                .when(smtp).send(any(MimeMessage.class));

        assertThatThrownBy(() -> sender.send(request("k"))).isInstanceOf(SmtpUnavailableException.class);
        SendEmailResponse retried = sender.send(request("k"));

        assertThat(retried.status()).isEqualTo(Status.SENT);
        verify(smtp, times(2)).send(any(MimeMessage.class));
        assertThat(meters.counter("emails.failed", "template", "PROPOSAL_APPROVED").count()).isEqualTo(1);
        assertThat(meters.counter("emails.sent", "template", "PROPOSAL_APPROVED").count()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedKeysAreForgottenBeyondTheCacheSize() throws Exception {
        doNothing().when(smtp).send(any(MimeMessage.class));

        sender.send(request("a"));
        sender.send(request("b"));
        sender.send(request("a"));
        sender.send(request("c"));

        assertThat(sender.send(request("a")).status()).isEqualTo(Status.ALREADY_SENT);
        assertThat(sender.send(request("b")).status()).isEqualTo(Status.SENT);
    }

    private static SendEmailRequest request(String key) {
        return new SendEmailRequest(key, EmailTemplate.PROPOSAL_APPROVED, "ada@example.com", "Ada Lovelace",
                "Engines", null);
    }
}

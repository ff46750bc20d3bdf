package dev.conference.email.message;

import dev.conference.email.config.EmailProperties;
import dev.conference.email.message.SendEmailResponse.Status;
import dev.conference.email.template.EmailTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;

/**
 * Sends each idempotency key at most once per instance: a key already sent is answered from memory,
 * and a request for a key that is being sent right now waits for that send instead of sending too.
 * A key is remembered only once the SMTP server accepted its message.
 */
@Service
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final String INSTRUMENTATION_SCOPE = "dev.conference.email";

    private final SmtpConnectionPool smtp;
    private final EmailComposer composer;
    private final MeterRegistry meterRegistry;
    private final String messageIdDomain;
    private final SentKeys sentKeys;
    private final ConcurrentMap<String, CompletableFuture<Void>> sending = new ConcurrentHashMap<>();

    EmailSender(SmtpConnectionPool smtp, EmailComposer composer, MeterRegistry meterRegistry,
            EmailProperties properties) {
        this.smtp = smtp;
        this.composer = composer;
        this.meterRegistry = meterRegistry;
        this.messageIdDomain = properties.messageIdDomain();
        this.sentKeys = new SentKeys(properties.sentKeyCacheSize());
        // From the start, at zero: increase() in alerts and dashboards sees the first failure only then.
        for (EmailTemplate template : EmailTemplate.values()) {
            for (String outcome : List.of("emails.sent", "emails.failed", "emails.refused")) {
                meterRegistry.counter(outcome, "template", template.name());
            }
        }
    }

    public SendEmailResponse send(SendEmailRequest request) {
        String key = request.idempotencyKey();
        MessageId messageId = MessageId.forKey(key, messageIdDomain);
        var mine = new CompletableFuture<Void>();
        CompletableFuture<Void> other;
        while ((other = sending.putIfAbsent(key, mine)) != null) {
            other.join();
        }
        try {
            if (sentKeys.contains(key)) {
                return new SendEmailResponse(messageId.value(), Status.ALREADY_SENT);
            }
            deliver(request, messageId);
            sentKeys.add(key);
            return new SendEmailResponse(messageId.value(), Status.SENT);
        } finally {
            sending.remove(key, mine);
            mine.complete(null);
        }
    }

    private void deliver(SendEmailRequest request, MessageId messageId) {
        MimeMessage message = composer.compose(request, messageId);
        String template = request.template().name();
        try {
            sendInSpan(message, template, messageId);
        } catch (MessagingException e) {
            var refusal = permanentRecipientRefusal(e);
            if (refusal != null) {
                meterRegistry.counter("emails.refused", "template", template).increment();
                String reply = refusal.getMessage().strip();
                log.warn("SMTP refused the recipient of {} for key {} for good: {}", template,
                        request.idempotencyKey(), reply);
                throw new RecipientRefusedException(reply, e);
            }
            throw unavailable(e, template, request);
        }
        meterRegistry.counter("emails.sent", "template", template).increment();
        log.info("Sent {} for key {} as {}", template, request.idempotencyKey(), messageId.value());
    }

    /**
     * The SMTP conversation as a client span of the request's trace: the agent instruments no JavaMail,
     * and without the agent this span is a no-op.
     */
    private void sendInSpan(MimeMessage message, String template, MessageId messageId) throws MessagingException {
        Span span = GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE).spanBuilder("smtp send")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("email.template", template)
                .setAttribute("email.message_id", messageId.value())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            smtp.send(message);
        } catch (MessagingException | RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private SmtpUnavailableException unavailable(MessagingException e, String template, SendEmailRequest request) {
        meterRegistry.counter("emails.failed", "template", template).increment();
        String reason = reason(e);
        log.warn("SMTP did not accept {} for key {}: {}", template, request.idempotencyKey(), reason);
        return new SmtpUnavailableException(reason, e);
    }

    /**
     * The server's refusal of the recipient when it is permanent (a 5xx reply to RCPT TO), or null: a 4xx
     * reply (mailbox busy, greylisting, too many recipients) may well succeed later.
     */
    private static SMTPAddressFailedException permanentRecipientRefusal(MessagingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SMTPAddressFailedException refused && refused.getReturnCode() / 100 == 5) {
                return refused;
            }
        }
        return null;
    }

    private static String reason(MessagingException e) {
        Throwable specific = NestedExceptionUtils.getMostSpecificCause(e);
        String message = specific.getMessage();
        return message == null || message.isBlank() ? specific.getClass().getSimpleName() : message.strip();
    }
}

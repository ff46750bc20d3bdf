package dev.conference.email.message;

import dev.conference.email.config.EmailProperties;
import dev.conference.email.template.EmailRenderer;
import dev.conference.email.template.RenderedEmail;
import dev.conference.support.text.EmailAddresses;
import dev.conference.support.web.FieldError;
import dev.conference.support.web.ProblemHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/** Builds the MIME message for a request: one multipart/alternative with a text and an HTML part. */
@Component
class EmailComposer {

    static final String IDEMPOTENCY_KEY_HEADER = "X-Idempotency-Key";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final EmailRenderer renderer;
    private final Session session;
    private final InternetAddress from;

    /** Messages are built on the sender's session, so {@code spring.mail.properties.mail.mime.*} apply. */
    EmailComposer(EmailRenderer renderer, EmailProperties properties, JavaMailSenderImpl mailSender) {
        this.renderer = renderer;
        this.session = mailSender.getSession();
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("email.from is not a valid address: " + properties.from(), e);
        }
        EmailAddresses.problem(from.getAddress()).ifPresent(problem -> {
            throw new IllegalArgumentException("email.from " + problem + ": " + properties.from());
        });
    }

    MimeMessage compose(SendEmailRequest request, MessageId messageId) {
        RenderedEmail email = renderer.render(request.template(), request.content());
        try {
            var message = new FixedIdMimeMessage(session, messageId);
            message.setFrom(from);
            message.setSentDate(new Date());
            message.setRecipient(RecipientType.TO, recipient(request));
            message.setSubject(email.subject(), UTF_8);
            message.setHeader(IDEMPOTENCY_KEY_HEADER, request.idempotencyKey());
            message.setContent(new MimeMultipart("alternative",
                    part(email.text(), "plain"), part(email.html(), "html")));
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not build the message for " + request.idempotencyKey(), e);
        }
    }

    private static InternetAddress recipient(SendEmailRequest request) {
        try {
            var recipient = new InternetAddress(request.to(), true);
            recipient.setPersonal(EmailRenderer.singleLine(request.speakerName()), UTF_8);
            return recipient;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    ProblemHandler.invalid(List.of(new FieldError("to", "must be a well-formed email address"))), e);
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        var part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        return part;
    }
}

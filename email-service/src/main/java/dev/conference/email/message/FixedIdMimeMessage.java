package dev.conference.email.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** A MimeMessage that keeps the Message-ID it was given: JavaMail would make up a new one on save. */
final class FixedIdMimeMessage extends MimeMessage {

    private final MessageId messageId;

    FixedIdMimeMessage(Session session, MessageId messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId.value());
    }
}

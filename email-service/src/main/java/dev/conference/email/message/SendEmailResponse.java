package dev.conference.email.message;

/** The answer to {@code POST /emails}: the message's Message-ID and whether this request sent it. */
public record SendEmailResponse(String messageId, Status status) {

    public enum Status {
        /** The SMTP server accepted the message just now. */
        SENT,
        /** The key was sent before; nothing was sent again. */
        ALREADY_SENT
    }
}

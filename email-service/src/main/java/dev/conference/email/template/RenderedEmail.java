package dev.conference.email.template;

/** A rendered email: a single-line subject and the same message as plain text and as HTML. */
public record RenderedEmail(String subject, String text, String html) {
}

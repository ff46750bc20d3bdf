package dev.conference.email.template;

/** The caller's data a template is filled with; {@code trackingUrl} may be null. */
public record EmailContent(String speakerName, String proposalTitle, String trackingUrl) {
}

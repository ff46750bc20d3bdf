package dev.conference.c4p.notification;

import dev.conference.c4p.proposal.Proposal;

/** The body of email-service's send call. */
public record EmailMessage(String idempotencyKey, Template template, String to, String speakerName,
                           String proposalTitle, String trackingUrl) {

    public enum Template {
        PROPOSAL_RECEIVED, PROPOSAL_APPROVED, PROPOSAL_REJECTED, PROPOSAL_WITHDRAWN
    }

    public static EmailMessage of(String idempotencyKey, Template template, Proposal proposal, String trackingUrl) {
        return new EmailMessage(idempotencyKey, template, proposal.getSpeakerEmail(), proposal.getSpeakerName(),
                proposal.getTitle(), trackingUrl);
    }
}

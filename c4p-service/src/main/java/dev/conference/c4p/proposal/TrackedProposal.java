package dev.conference.c4p.proposal;

import java.time.Instant;

/** What the holder of a tracking token may see: no ids, no email address, no organizer names. */
public record TrackedProposal(String title, ProposalStatus status, Instant submittedAt, Instant decidedAt) {

    static TrackedProposal of(Proposal p) {
        return new TrackedProposal(p.getTitle(), p.getStatus(), p.getSubmittedAt(), p.getDecidedAt());
    }
}

package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What the holder of a tracking token may see: what the speaker wrote and where the proposal stands; no
 * ids, no email address, no organizer names.
 */
public record TrackedProposal(String title, @JsonProperty("abstract") String abstractText, ProposalFormat format,
                              ProposalLevel level, String speakerBio, ProposalStatus status, Instant submittedAt,
                              Instant editedAt, Instant decidedAt, Instant withdrawnAt) {

    static TrackedProposal of(Proposal p) {
        return new TrackedProposal(p.getTitle(), p.getAbstractText(), p.getFormat(), p.getLevel(), p.getSpeakerBio(),
                p.getStatus(), p.getSubmittedAt(), p.getEditedAt(), p.getDecidedAt(), p.getWithdrawnAt());
    }
}

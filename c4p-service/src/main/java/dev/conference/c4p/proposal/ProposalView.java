package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.c4p.outbox.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A proposal as the API shows it. {@code trackingToken} appears only in the answer to the submission;
 * {@code deliveries} (the state of its side effects) only for organizers. The optional fields and
 * instants are always there, null when not stated or not happened.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposalView(
        UUID id,
        String title,
        @JsonProperty("abstract") String abstractText,
        ProposalFormat format,
        @JsonInclude(JsonInclude.Include.ALWAYS) ProposalLevel level,
        @JsonInclude(JsonInclude.Include.ALWAYS) String speakerBio,
        String speakerName,
        String speakerEmail,
        ProposalStatus status,
        Instant submittedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant editedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant decidedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String decidedBy,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant withdrawnAt,
        String trackingToken,
        List<Delivery> deliveries) {

    static ProposalView of(Proposal p, String trackingToken, List<Delivery> deliveries) {
        return new ProposalView(p.getId(), p.getTitle(), p.getAbstractText(), p.getFormat(), p.getLevel(),
                p.getSpeakerBio(), p.getSpeakerName(), p.getSpeakerEmail(), p.getStatus(), p.getSubmittedAt(),
                p.getEditedAt(), p.getDecidedAt(), p.getDecidedBy(), p.getWithdrawnAt(), trackingToken, deliveries);
    }
}

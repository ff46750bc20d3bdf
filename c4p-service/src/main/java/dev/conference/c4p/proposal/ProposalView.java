package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.conference.c4p.history.HistoryEntry;
import dev.conference.c4p.review.ReviewView;
import dev.conference.c4p.outbox.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A proposal as the API shows it. {@code trackingToken} appears only in the answer to the submission;
 * {@code deliveries} (the state of its side effects) and the reviews ({@code reviews}, {@code averageScore},
 * {@code reviewCount}) only for back-office users; {@code history} only on one proposal (not in list items).
 * The optional fields and instants are always there, null when not stated or not happened.
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
        List<Delivery> deliveries,
        @JsonUnwrapped ProposalReviews reviews,
        List<HistoryEntry> history) {

    /** What the speaker gets back from the submission. */
    static ProposalView submitted(Proposal p) {
        return of(p, p.getTrackingToken(), null, null, null);
    }

    /** What back-office users see; {@code history} null to leave it out. */
    static ProposalView forBackOffice(Proposal p, List<Delivery> deliveries, List<ReviewView> reviews,
                                      List<HistoryEntry> history) {
        return of(p, null, deliveries, ProposalReviews.of(p, reviews), history);
    }

    private static ProposalView of(Proposal p, String trackingToken, List<Delivery> deliveries,
                                   ProposalReviews reviews, List<HistoryEntry> history) {
        return new ProposalView(p.getId(), p.getTitle(), p.getAbstractText(), p.getFormat(), p.getLevel(),
                p.getSpeakerBio(), p.getSpeakerName(), p.getSpeakerEmail(), p.getStatus(), p.getSubmittedAt(),
                p.getEditedAt(), p.getDecidedAt(), p.getDecidedBy(), p.getWithdrawnAt(), trackingToken, deliveries,
                reviews, history);
    }
}

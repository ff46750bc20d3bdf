package dev.conference.c4p.proposal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A talk submitted to the Call for Proposals, and the organizers' decision on it. Instants are kept
 * to the microsecond, as PostgreSQL stores them, so an answer never differs from a later read.
 */
@Entity
public class Proposal {

    @Id
    private UUID id;
    private String title;
    @Column(name = "abstract")
    private String abstractText;
    private String speakerName;
    private String speakerEmail;
    @Enumerated(EnumType.STRING)
    private ProposalStatus status;
    private String trackingToken;
    private Instant submittedAt;
    private Instant decidedAt;
    private String decidedBy;

    protected Proposal() {
    }

    public Proposal(SubmitProposal submission, String trackingToken, Instant submittedAt) {
        this.id = UUID.randomUUID();
        this.title = submission.title();
        this.abstractText = submission.abstractText();
        this.speakerName = submission.speakerName();
        this.speakerEmail = submission.speakerEmail();
        this.status = ProposalStatus.PENDING;
        this.trackingToken = trackingToken;
        this.submittedAt = submittedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Records the decision. Returns false when the proposal already had this very decision
     * (nothing changes); refuses a decision that contradicts an earlier one.
     */
    public boolean decide(ProposalStatus decision, String organizer, Instant now) {
        if (decision == ProposalStatus.PENDING) {
            throw new IllegalArgumentException("A decision is APPROVED or REJECTED");
        }
        if (status == decision) {
            return false;
        }
        if (status != ProposalStatus.PENDING) {
            throw new ConflictingDecisionException(this, decision);
        }
        status = decision;
        decidedBy = organizer;
        decidedAt = now.truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    public UUID getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getAbstractText() {
        return abstractText;
    }

    public String getSpeakerName() {
        return speakerName;
    }

    public String getSpeakerEmail() {
        return speakerEmail;
    }

    public ProposalStatus getStatus() {
        return status;
    }

    public String getTrackingToken() {
        return trackingToken;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }
}

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
 * A talk or workshop submitted to the Call for Proposals, the organizers' decision on it, and its
 * speaker's edits (while pending) and withdrawal. Instants are kept
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
    private ProposalFormat format;
    @Enumerated(EnumType.STRING)
    private ProposalLevel level;
    private String speakerBio;
    @Enumerated(EnumType.STRING)
    private ProposalStatus status;
    private String trackingToken;
    private Instant submittedAt;
    private Instant decidedAt;
    private String decidedBy;
    private Instant editedAt;
    private Instant withdrawnAt;
    private int reviewCount;
    private int scoreTotal;
    /** The exact average score, 0 without reviews; computed by PostgreSQL, here only to sort by. */
    @Column(insertable = false, updatable = false)
    private double scoreRank;

    protected Proposal() {
    }

    public Proposal(SubmitProposal submission, String trackingToken, Instant submittedAt) {
        this.id = UUID.randomUUID();
        this.speakerName = submission.speakerName();
        this.speakerEmail = submission.speakerEmail();
        write(submission.content());
        this.status = ProposalStatus.PENDING;
        this.trackingToken = trackingToken;
        this.submittedAt = submittedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** Replaces what the speaker wrote; only while the organizers have not decided. */
    void edit(ProposalContent content, Instant now) {
        if (status != ProposalStatus.PENDING) {
            throw ProposalStateConflictException.notEditable(this);
        }
        write(content);
        editedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Withdraws the proposal at its speaker's request, pending or approved. Returns false when it was
     * withdrawn already (nothing changes); refuses a rejected proposal.
     */
    boolean withdraw(Instant now) {
        if (status == ProposalStatus.WITHDRAWN) {
            return false;
        }
        if (status == ProposalStatus.REJECTED) {
            throw ProposalStateConflictException.notWithdrawable(this);
        }
        status = ProposalStatus.WITHDRAWN;
        withdrawnAt = now.truncatedTo(ChronoUnit.MICROS);
        return true;
    }

    private void write(ProposalContent content) {
        title = content.title();
        abstractText = content.abstractText();
        format = content.format();
        level = content.level();
        speakerBio = content.speakerBio();
    }

    /**
     * Records the decision. Returns false when the proposal already had this very decision
     * (nothing changes); refuses a decision that contradicts an earlier one.
     */
    public boolean decide(ProposalStatus decision, String organizer, Instant now) {
        if (decision != ProposalStatus.APPROVED && decision != ProposalStatus.REJECTED) {
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

    /** Keeps the totals of the proposal's reviews with it, so that listings sort by score from an index. */
    public void reviewTotals(int count, int total) {
        reviewCount = count;
        scoreTotal = total;
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

    public ProposalFormat getFormat() {
        return format;
    }

    public ProposalLevel getLevel() {
        return level;
    }

    public String getSpeakerBio() {
        return speakerBio;
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

    public Instant getEditedAt() {
        return editedAt;
    }

    public Instant getWithdrawnAt() {
        return withdrawnAt;
    }

    public int getReviewCount() {
        return reviewCount;
    }

    public int getScoreTotal() {
        return scoreTotal;
    }
}

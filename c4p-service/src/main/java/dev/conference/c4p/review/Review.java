package dev.conference.c4p.review;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One back-office user's score of one proposal, with an optional comment; scoring again replaces it. */
@Entity
@IdClass(Review.Key.class)
public class Review {

    @Id
    private UUID proposalId;
    @Id
    private String reviewer;
    private short score;
    private String comment;
    private Instant reviewedAt;

    protected Review() {
    }

    Review(UUID proposalId, String reviewer) {
        this.proposalId = proposalId;
        this.reviewer = reviewer;
    }

    void score(int score, String comment, Instant now) {
        this.score = (short) score;
        this.comment = comment;
        this.reviewedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getProposalId() {
        return proposalId;
    }

    public String getReviewer() {
        return reviewer;
    }

    public int getScore() {
        return score;
    }

    public String getComment() {
        return comment;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }

    public ReviewView view() {
        return new ReviewView(reviewer, score, comment, reviewedAt);
    }

    /** A review's identity: the proposal and its reviewer. */
    public record Key(UUID proposalId, String reviewer) implements Serializable {
        @SuppressWarnings("unused")
        Key() {
            this(null, null);
        }
    }
}

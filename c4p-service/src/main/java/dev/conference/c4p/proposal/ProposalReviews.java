package dev.conference.c4p.proposal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conference.c4p.review.AverageScore;
import dev.conference.c4p.review.ReviewView;
import java.math.BigDecimal;
import java.util.List;

/**
 * A proposal's reviews as back-office users see them, oldest first, with their average (rounded to 2
 * decimals; null without reviews) and count.
 */
public record ProposalReviews(List<ReviewView> reviews, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal averageScore,
                              int reviewCount) {

    static ProposalReviews of(Proposal proposal, List<ReviewView> reviews) {
        return new ProposalReviews(reviews, AverageScore.of(proposal.getScoreTotal(), proposal.getReviewCount()),
                proposal.getReviewCount());
    }
}

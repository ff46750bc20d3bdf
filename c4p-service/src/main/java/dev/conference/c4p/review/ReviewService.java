package dev.conference.c4p.review;

import dev.conference.c4p.history.HistoryType;
import dev.conference.c4p.history.ProposalHistory;
import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.ProposalNotFoundException;
import dev.conference.c4p.proposal.ProposalRepository;
import dev.conference.c4p.proposal.ProposalService;
import dev.conference.c4p.proposal.ProposalStateConflictException;
import dev.conference.c4p.proposal.ProposalStatus;
import dev.conference.c4p.proposal.ProposalView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Back-office users' reviews: one per user and proposal, the proposal's totals kept with it. */
@Service
public class ReviewService {

    private final ProposalRepository proposals;
    private final ReviewRepository reviews;
    private final ProposalService proposalViews;
    private final ProposalHistory history;
    private final Clock clock;

    ReviewService(ProposalRepository proposals, ReviewRepository reviews, ProposalService proposalViews,
                  ProposalHistory history, Clock clock) {
        this.proposals = proposals;
        this.reviews = reviews;
        this.proposalViews = proposalViews;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Creates or replaces the reviewer's review and updates the proposal's totals from its reviews. The
     * proposal row stays locked meanwhile, so two reviews of one proposal take turns and neither total is lost.
     */
    @Transactional
    public ProposalView review(UUID proposalId, String reviewer, ReviewRequest request) {
        Proposal proposal = proposals.findForDecision(proposalId)
                .orElseThrow(() -> new ProposalNotFoundException(proposalId.toString()));
        if (proposal.getStatus() == ProposalStatus.WITHDRAWN) {
            throw ProposalStateConflictException.notReviewable(proposal);
        }
        Instant now = clock.instant();
        Review review = reviews.findById(new Review.Key(proposalId, reviewer))
                .orElseGet(() -> new Review(proposalId, reviewer));
        review.score(request.wholeScore(), request.normalizedComment(), now);
        reviews.saveAndFlush(review);
        List<Review> all = reviews.findOfProposals(List.of(proposalId));
        proposal.reviewTotals(all.size(), all.stream().mapToInt(Review::getScore).sum());
        history.record(proposalId, HistoryType.REVIEWED, reviewer, "score " + request.wholeScore(), now);
        return proposalViews.viewOf(proposal, all.stream().map(Review::view).toList());
    }
}

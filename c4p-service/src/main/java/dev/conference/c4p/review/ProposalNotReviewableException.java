package dev.conference.c4p.review;

import dev.conference.c4p.proposal.Proposal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A review of a proposal its speaker withdrew: there is nothing left to decide on. */
public class ProposalNotReviewableException extends ErrorResponseException {

    public ProposalNotReviewableException(Proposal proposal) {
        super(HttpStatus.CONFLICT, problem(proposal), null);
    }

    private static ProblemDetail problem(Proposal proposal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The speaker withdrew the proposal at " + proposal.getWithdrawnAt() + "; it cannot be reviewed any more.");
        problem.setTitle("Proposal not reviewable");
        problem.setProperty("code", "NOT_REVIEWABLE");
        problem.setProperty("currentStatus", proposal.getStatus());
        return problem;
    }
}

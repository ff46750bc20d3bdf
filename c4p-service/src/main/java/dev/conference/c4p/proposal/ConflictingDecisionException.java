package dev.conference.c4p.proposal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A decision that contradicts the one already taken, or comes after the speaker withdrew the proposal. */
public class ConflictingDecisionException extends ErrorResponseException {

    public ConflictingDecisionException(Proposal proposal, ProposalStatus requested) {
        super(HttpStatus.CONFLICT, problem(proposal, requested), null);
    }

    private static ProblemDetail problem(Proposal proposal, ProposalStatus requested) {
        String detail = proposal.getStatus() == ProposalStatus.WITHDRAWN
                ? "The speaker withdrew the proposal at " + proposal.getWithdrawnAt() + "; it cannot be "
                        + requested + " any more."
                : "The proposal was already " + proposal.getStatus() + " by " + proposal.getDecidedBy() + " at "
                        + proposal.getDecidedAt() + "; a decided proposal cannot be changed to " + requested + ".";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Proposal already decided");
        problem.setProperty("code", "ALREADY_DECIDED");
        problem.setProperty("currentStatus", proposal.getStatus());
        return problem;
    }
}

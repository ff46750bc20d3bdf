package dev.conference.c4p.proposal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A withdrawal of a rejected proposal: there is nothing left to withdraw it from. */
public class ProposalNotWithdrawableException extends ErrorResponseException {

    public ProposalNotWithdrawableException(Proposal proposal) {
        super(HttpStatus.CONFLICT, problem(proposal), null);
    }

    private static ProblemDetail problem(Proposal proposal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The proposal was " + proposal.getStatus() + "; only a pending or approved proposal can be withdrawn.");
        problem.setTitle("Proposal cannot be withdrawn");
        problem.setProperty("code", "NOT_WITHDRAWABLE");
        problem.setProperty("currentStatus", proposal.getStatus());
        return problem;
    }
}

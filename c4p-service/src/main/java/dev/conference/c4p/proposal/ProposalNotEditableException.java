package dev.conference.c4p.proposal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An edit of a proposal that is no longer pending: organizers may already have read or decided it. */
public class ProposalNotEditableException extends ErrorResponseException {

    public ProposalNotEditableException(Proposal proposal) {
        super(HttpStatus.CONFLICT, problem(proposal), null);
    }

    private static ProblemDetail problem(Proposal proposal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The proposal is " + proposal.getStatus() + "; only a pending proposal can be edited.");
        problem.setTitle("Proposal no longer editable");
        problem.setProperty("code", "NOT_EDITABLE");
        problem.setProperty("currentStatus", proposal.getStatus());
        return problem;
    }
}

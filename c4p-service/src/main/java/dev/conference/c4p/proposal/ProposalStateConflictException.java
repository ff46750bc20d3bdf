package dev.conference.c4p.proposal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A change the proposal's status no longer allows: a 409 problem with a code for the caller to act on and the
 * proposal's {@code currentStatus}. (A contradicting decision has its own {@link ConflictingDecisionException}, which
 * also names who decided.)
 */
public class ProposalStateConflictException extends ErrorResponseException {

    private ProposalStateConflictException(Proposal proposal, String title, String code, String detail) {
        super(HttpStatus.CONFLICT, problem(proposal, title, code, detail), null);
    }

    /** An edit of a proposal that is no longer pending: organizers may already have read or decided it. */
    public static ProposalStateConflictException notEditable(Proposal proposal) {
        return new ProposalStateConflictException(proposal, "Proposal no longer editable", "NOT_EDITABLE",
                "The proposal is " + proposal.getStatus() + "; only a pending proposal can be edited.");
    }

    /** A withdrawal of a rejected proposal: there is nothing left to withdraw it from. */
    public static ProposalStateConflictException notWithdrawable(Proposal proposal) {
        return new ProposalStateConflictException(proposal, "Proposal cannot be withdrawn", "NOT_WITHDRAWABLE",
                "The proposal was " + proposal.getStatus() + "; only a pending or approved proposal can be withdrawn.");
    }

    /** A review of a proposal its speaker withdrew: there is nothing left to decide on. */
    public static ProposalStateConflictException notReviewable(Proposal proposal) {
        return new ProposalStateConflictException(proposal, "Proposal not reviewable", "NOT_REVIEWABLE",
                "The speaker withdrew the proposal at " + proposal.getWithdrawnAt() + "; it cannot be reviewed any more.");
    }

    /** The problem's code, for tests and callers that branch on it. */
    public String code() {
        return (String) getBody().getProperties().get("code");
    }

    private static ProblemDetail problem(Proposal proposal, String title, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle(title);
        problem.setProperty("code", code);
        problem.setProperty("currentStatus", proposal.getStatus());
        return problem;
    }
}

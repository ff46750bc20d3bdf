package dev.conference.agenda.item;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The proposal was withdrawn: it never goes on the agenda again, whatever arrives late. */
public class ProposalWithdrawnException extends ErrorResponseException {

    public ProposalWithdrawnException(UUID proposalId) {
        super(HttpStatus.GONE, problem(proposalId), null);
    }

    private static ProblemDetail problem(UUID proposalId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                "Proposal " + proposalId + " was withdrawn; it is not put on the agenda.");
        problem.setTitle("Proposal withdrawn");
        problem.setProperty("code", "PROPOSAL_WITHDRAWN");
        return problem;
    }
}

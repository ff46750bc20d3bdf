package dev.conference.c4p.proposal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class ProposalNotFoundException extends ErrorResponseException {

    public ProposalNotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, problem(what), null);
    }

    private static ProblemDetail problem(String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No proposal " + what + ".");
        problem.setTitle("Proposal not found");
        return problem;
    }
}

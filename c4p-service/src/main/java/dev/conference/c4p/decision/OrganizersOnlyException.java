package dev.conference.c4p.decision;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A decision asked for by a back-office user who may only review. */
class OrganizersOnlyException extends ErrorResponseException {

    OrganizersOnlyException() {
        super(HttpStatus.FORBIDDEN, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Only organizers may approve or reject proposals; reviewers may read and review them.");
        problem.setTitle("Organizers only");
        problem.setProperty("code", "ORGANIZERS_ONLY");
        return problem;
    }
}

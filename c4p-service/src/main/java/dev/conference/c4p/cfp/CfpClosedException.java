package dev.conference.c4p.cfp;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A submission outside the Call for Proposals window. */
public class CfpClosedException extends ErrorResponseException {

    public CfpClosedException(CfpStatus status, Instant now) {
        super(HttpStatus.FORBIDDEN, problem(status, now), null);
    }

    private static ProblemDetail problem(CfpStatus status, Instant now) {
        String detail = status.opensAt() != null && now.isBefore(status.opensAt())
                ? "The Call for Proposals opens at " + status.opensAt() + "."
                : "The Call for Proposals closed at " + status.closesAt() + ".";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Call for Proposals is closed");
        problem.setProperty("code", "CFP_CLOSED");
        return problem;
    }
}

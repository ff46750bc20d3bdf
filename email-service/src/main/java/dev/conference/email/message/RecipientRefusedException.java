package dev.conference.email.message;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The SMTP server refused the recipient for good (a 5xx reply to RCPT TO, such as 550 "no such user"):
 * 422, so the caller gives up instead of retrying a send that can never succeed.
 */
class RecipientRefusedException extends ErrorResponseException {

    RecipientRefusedException(String reply, Throwable cause) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(reply), cause);
    }

    private static ProblemDetail problem(String reply) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The SMTP server refused the recipient: " + reply);
        problem.setTitle("Recipient refused");
        return problem;
    }
}

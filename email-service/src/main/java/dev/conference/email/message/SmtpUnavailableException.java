package dev.conference.email.message;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The SMTP server is down, too slow or refused the message: 503 with Retry-After, so the caller retries. */
class SmtpUnavailableException extends ErrorResponseException {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    SmtpUnavailableException(String reason, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(reason), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
    }

    private static ProblemDetail problem(String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The email was not sent: " + reason);
        problem.setTitle("SMTP server unavailable");
        return problem;
    }
}

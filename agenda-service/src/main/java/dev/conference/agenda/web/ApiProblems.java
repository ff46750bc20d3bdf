package dev.conference.agenda.web;

import dev.conference.support.web.FieldError;
import dev.conference.support.web.ProblemHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The agenda's additions to the shared problem handling: a query or path value of the wrong
 * type names its parameter in {@code errors}, and Redis being unreachable is a 503 the gateway
 * can fall back on, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> wrongParameterType(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest().body(ProblemHandler.invalid(List.of(
                new FieldError(ex.getName(), "is not a valid " + describe(expected)))));
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException ex) {
        log.warn("Redis is unavailable: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The agenda store cannot be reached; try again shortly.");
        problem.setTitle("Agenda temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static String describe(String type) {
        return switch (type) {
            case "LocalDate" -> "ISO date such as 2027-05-12";
            case "UUID" -> "UUID";
            case "boolean", "Boolean" -> "boolean (true or false)";
            default -> type;
        };
    }
}

package dev.conference.support.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.web.ProblemJson;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into RFC 9457 problem+json. Validation failures carry an {@code errors}
 * list with one entry per bad field; nothing the client sent ever becomes a 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    public static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BindingResult result = ex.getBindingResult();
        Class<?> target = result.getTarget() == null ? null : result.getTarget().getClass();
        return invalidFields(result.getFieldErrors().stream()
                .map(e -> new FieldError(jsonName(target, e.getField()), e.getDefaultMessage())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidFields(ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(error -> new FieldError(
                                jsonName(body.getArgument() == null ? null : body.getArgument().getClass(),
                                        error.getField()), error.getDefaultMessage()))
                        : result.getResolvableErrors().stream().map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        return invalidFields(ex.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage())));
    }

    /** 400 with one entry per bad field, in the order of their names. */
    private static ResponseEntity<Object> invalidFields(Stream<FieldError> errors) {
        return ResponseEntity.badRequest().body(invalid(errors.sorted(Comparator.comparing(FieldError::field)).toList()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        ProblemJson.tooLargeDetail(tooLarge.limitBytes()));
                problem.setTitle(ProblemJson.TOO_LARGE_TITLE);
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
            if (cause instanceof InvalidUtf8Exception) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        cause.getMessage() + ".");
                problem.setTitle("Malformed request body");
                return ResponseEntity.badRequest().body(problem);
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return ResponseEntity.badRequest().body(invalid(List.of(
                        new FieldError(path(unknown), "is not a known field"))));
            }
            if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
                JacksonException mismatch = (JacksonException) cause;
                String field = path(mismatch);
                if (!field.isEmpty()) {
                    return ResponseEntity.badRequest().body(invalid(List.of(
                            new FieldError(field, "has the wrong type or format"))));
                }
            }
            cause = cause.getCause();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not valid JSON.");
        problem.setTitle("Malformed request body");
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "value" : describe(ex.getRequiredType());
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldError(name, "is not a valid " + expected))));
    }

    /** Tomcat could not decode a query parameter: bytes that are not UTF-8 (%ff%fe) or overlong (%c0%af). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUndecodableParameter(InvalidParameterException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request's parameters are not valid UTF-8.");
        problem.setTitle("Malformed request parameters");
        return ResponseEntity.badRequest().body(problem);
    }

    /** The service's own store is unreachable or too slow: a retry later may well succeed. */
    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> handleStoreUnavailable(RuntimeException ex) {
        log.warn("Store unavailable: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service cannot reach its data store; try again shortly.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex) {
        log.error("Unexpected failure", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server failed to handle the request; it has been logged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    /** The name the client used: a Java field renamed with {@code @JsonProperty} is reported under its JSON name. */
    private static String jsonName(Class<?> target, String field) {
        if (target == null) {
            return field;
        }
        try {
            JsonProperty renamed = target.getDeclaredField(field).getAnnotation(JsonProperty.class);
            return renamed == null || renamed.value().isEmpty() ? field : renamed.value();
        } catch (NoSuchFieldException e) {
            return field;
        }
    }

    private static String path(JacksonException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "ISO date such as 2027-05-12";
            case "Instant" -> "ISO instant such as 2027-05-12T09:00:00Z";
            case "UUID" -> "UUID";
            case "boolean", "Boolean" -> "boolean (true or false)";
            case "int", "Integer", "long", "Long" -> "whole number";
            default -> type.isEnum() ? "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")"
                    : type.getSimpleName();
        };
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}

package dev.conference.c4p.proposal;

import dev.conference.support.web.FieldError;
import dev.conference.support.web.ProblemHandler;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A listing's parameters that are each valid but do not go together. */
public class InvalidListingException extends ErrorResponseException {

    public InvalidListingException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, ProblemHandler.invalid(List.of(new FieldError(field, message))), null);
    }

}

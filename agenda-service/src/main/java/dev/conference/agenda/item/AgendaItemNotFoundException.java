package dev.conference.agenda.item;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

public class AgendaItemNotFoundException extends ErrorResponseException {

    public AgendaItemNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No agenda item has id " + id + ".");
        problem.setTitle("Agenda item not found");
        return problem;
    }
}

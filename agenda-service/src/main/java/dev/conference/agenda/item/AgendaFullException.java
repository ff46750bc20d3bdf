package dev.conference.agenda.item;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No slot of the grid is free for another talk. */
public class AgendaFullException extends ErrorResponseException {

    public AgendaFullException(int capacity) {
        super(HttpStatus.CONFLICT, problem(capacity), null);
    }

    private static ProblemDetail problem(int capacity) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "All " + capacity + " slots of the agenda grid are taken.");
        problem.setTitle("Agenda is full");
        problem.setProperty("code", "AGENDA_FULL");
        return problem;
    }
}

package dev.conference.agenda.item;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No place of the grid is free for another session. */
public class AgendaFullException extends ErrorResponseException {

    private AgendaFullException(String detail) {
        super(HttpStatus.CONFLICT, problem(detail), null);
    }

    /** No slot is free for a talk. */
    public static AgendaFullException forTalk(int capacity) {
        return new AgendaFullException("All " + capacity + " slots of the agenda grid are taken.");
    }

    /** No two consecutive slots of one room on one day are both free for a workshop. */
    public static AgendaFullException forWorkshop() {
        return new AgendaFullException(
                "No two consecutive time slots of one room are both free for a workshop.");
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Agenda is full");
        problem.setProperty("code", "AGENDA_FULL");
        return problem;
    }
}

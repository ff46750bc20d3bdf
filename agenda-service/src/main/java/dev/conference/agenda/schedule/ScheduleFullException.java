package dev.conference.agenda.schedule;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The schedule already holds the most talks a schedule may hold. */
public class ScheduleFullException extends ErrorResponseException {

    public ScheduleFullException(int mostTalks) {
        super(HttpStatus.CONFLICT, problem(mostTalks), null);
    }

    private static ProblemDetail problem(int mostTalks) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "A personal schedule holds at most " + mostTalks + " talks; remove one first.");
        problem.setTitle("Schedule is full");
        problem.setProperty("code", "SCHEDULE_FULL");
        return problem;
    }
}

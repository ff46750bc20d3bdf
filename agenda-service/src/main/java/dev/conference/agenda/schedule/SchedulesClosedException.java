package dev.conference.agenda.schedule;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The conference is long over: a new schedule would expire at once, so none is made. */
public class SchedulesClosedException extends ErrorResponseException {

    public SchedulesClosedException(Instant end) {
        super(HttpStatus.GONE, problem(end), null);
    }

    private static ProblemDetail problem(Instant end) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                "The conference is over; personal schedules were kept until " + end + ".");
        problem.setTitle("Schedules are closed");
        problem.setProperty("code", "SCHEDULES_CLOSED");
        return problem;
    }
}

package dev.conference.agenda.schedule;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No schedule has the token: it never existed, was mistyped, or expired. */
public class ScheduleNotFoundException extends ErrorResponseException {

    public ScheduleNotFoundException() {
        super(HttpStatus.NOT_FOUND, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No personal schedule has this token; schedules expire 30 days after the conference.");
        problem.setTitle("Schedule not found");
        problem.setProperty("code", "SCHEDULE_NOT_FOUND");
        return problem;
    }
}

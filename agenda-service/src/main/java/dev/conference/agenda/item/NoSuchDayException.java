package dev.conference.agenda.item;

import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A day asked for that is not one of the conference's days: there is no such part of the agenda. */
public class NoSuchDayException extends ErrorResponseException {

    public NoSuchDayException(LocalDate day, List<LocalDate> days) {
        super(HttpStatus.NOT_FOUND, problem(day, days), null);
    }

    private static ProblemDetail problem(LocalDate day, List<LocalDate> days) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                day + " is not a day of the conference; its days are " + days + ".");
        problem.setTitle("No such conference day");
        return problem;
    }
}

package dev.conference.agenda.item;

import dev.conference.agenda.grid.GridSlot;
import dev.conference.agenda.grid.TimeSlot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Another talk already holds the slot an item was to move to. */
public class SlotTakenException extends ErrorResponseException {

    public SlotTakenException(GridSlot slot) {
        super(HttpStatus.CONFLICT, problem(slot), null);
    }

    private static ProblemDetail problem(GridSlot slot) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Another talk is in " + slot.room() + " on " + slot.day() + " at " + TimeSlot.format(slot.startTime()) + ".");
        problem.setTitle("Slot is taken");
        problem.setProperty("code", "SLOT_TAKEN");
        return problem;
    }
}

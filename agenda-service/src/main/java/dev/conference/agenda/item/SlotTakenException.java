package dev.conference.agenda.item;

import dev.conference.agenda.grid.GridSlot;
import dev.conference.agenda.grid.TimeSlot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An item cannot move where it was asked to: another item holds a slot it needs there. */
public class SlotTakenException extends ErrorResponseException {

    private SlotTakenException(String detail) {
        super(HttpStatus.CONFLICT, problem(detail), null);
    }

    /** Another item holds {@code slot}. */
    public SlotTakenException(GridSlot slot) {
        this("Another talk is in " + slot.room() + " on " + slot.day() + " at " + TimeSlot.format(slot.startTime()) + ".");
    }

    /** A workshop asked to start in the day's last slot, which no slot follows. */
    public static SlotTakenException noSlotAfter(GridSlot slot) {
        return new SlotTakenException("A workshop takes two consecutive time slots, and "
                + TimeSlot.format(slot.startTime()) + " is the last time slot of " + slot.day() + ".");
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Slot is taken");
        problem.setProperty("code", "SLOT_TAKEN");
        return problem;
    }
}

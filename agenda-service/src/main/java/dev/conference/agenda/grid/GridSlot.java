package dev.conference.agenda.grid;

import java.time.LocalDate;
import java.time.LocalTime;

/** One place a talk can take: a room during a time slot on a day. */
public record GridSlot(LocalDate day, TimeSlot time, String room) {

    public LocalTime startTime() {
        return time.start();
    }

    public LocalTime endTime() {
        return time.end();
    }
}

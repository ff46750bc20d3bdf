package dev.conference.agenda.slot;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A grid slot and the item in it, {@code itemId} null when the slot is free. */
public record SlotView(
        LocalDate day,
        @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        String room,
        @JsonInclude(JsonInclude.Include.ALWAYS) UUID itemId) {
}

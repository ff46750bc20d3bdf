package dev.conference.agenda.item;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.LocalTime;

/** Request to move an item to another slot of the grid. */
public record MoveAgendaItem(
        @NotNull LocalDate day,
        @NotNull @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @NotBlank String room) {
}

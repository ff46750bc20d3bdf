package dev.conference.agenda.item;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** A talk on the agenda, in its slot. */
public record AgendaItem(
        UUID id,
        UUID proposalId,
        String title,
        @JsonProperty("abstract") String abstractText,
        String speakerName,
        LocalDate day,
        @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        String room) {
}

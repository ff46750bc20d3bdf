package dev.conference.agenda.item;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A session on the agenda, in its place: a talk in one time slot, a workshop in two consecutive ones
 * ({@code endTime} is the end of the last). Items stored before sessions had a format read as talks
 * without level or bio. In Redis an item also lists the slot keys it claims ({@code slots}), which
 * only the scripts use.
 */
@JsonIgnoreProperties("slots")
public record AgendaItem(
        UUID id,
        UUID proposalId,
        String title,
        @JsonProperty("abstract") String abstractText,
        String speakerName,
        LocalDate day,
        @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        String room,
        Format format,
        Level level,
        String speakerBio) {

    public AgendaItem {
        format = format == null ? Format.TALK : format;
    }
}

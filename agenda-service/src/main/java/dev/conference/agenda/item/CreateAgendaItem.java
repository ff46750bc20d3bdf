package dev.conference.agenda.item;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Request to put an approved proposal's session on the agenda. {@code format} defaults to a talk;
 * {@code level} and {@code speakerBio} are optional (a blank bio is none).
 */
public record CreateAgendaItem(
        @NotNull UUID proposalId,
        @NotBlank @Size(max = 200) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 5000) String abstractText,
        @NotBlank @Size(max = 200) String speakerName,
        Format format,
        Level level,
        @Size(max = 1000) String speakerBio) {

    public CreateAgendaItem {
        format = format == null ? Format.TALK : format;
        speakerBio = speakerBio == null || speakerBio.isBlank() ? null : speakerBio;
    }

    /** A talk without a stated level or speaker bio. */
    public CreateAgendaItem(UUID proposalId, String title, String abstractText, String speakerName) {
        this(proposalId, title, abstractText, speakerName, Format.TALK, null, null);
    }
}

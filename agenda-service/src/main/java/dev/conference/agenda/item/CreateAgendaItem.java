package dev.conference.agenda.item;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request to put an approved proposal's talk on the agenda. */
public record CreateAgendaItem(
        @NotNull UUID proposalId,
        @NotBlank @Size(max = 200) String title,
        @JsonProperty("abstract") @NotBlank @Size(max = 5000) String abstractText,
        @NotBlank @Size(max = 200) String speakerName) {
}

package dev.conference.c4p.agenda;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** An agenda item as C4P needs it: which item, for which proposal. Other fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgendaItemRef(UUID id, UUID proposalId) {
}

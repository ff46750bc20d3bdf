package dev.conference.c4p.agenda;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.c4p.proposal.Proposal;
import java.util.UUID;

/** The body of agenda-service's create-for-proposal call. */
public record AgendaEntry(UUID proposalId, String title, @JsonProperty("abstract") String abstractText,
                          String speakerName) {

    public static AgendaEntry of(Proposal proposal) {
        return new AgendaEntry(proposal.getId(), proposal.getTitle(), proposal.getAbstractText(),
                proposal.getSpeakerName());
    }
}

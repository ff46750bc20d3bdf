package dev.conference.c4p.agenda;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.ProposalFormat;
import dev.conference.c4p.proposal.ProposalLevel;
import java.util.UUID;

/** The body of agenda-service's create-for-proposal call; {@code level} and {@code speakerBio} may be null. */
public record AgendaEntry(UUID proposalId, String title, @JsonProperty("abstract") String abstractText,
                          String speakerName, ProposalFormat format, ProposalLevel level, String speakerBio) {

    public static AgendaEntry of(Proposal proposal) {
        return new AgendaEntry(proposal.getId(), proposal.getTitle(), proposal.getAbstractText(),
                proposal.getSpeakerName(), proposal.getFormat(), proposal.getLevel(), proposal.getSpeakerBio());
    }
}

package dev.conference.c4p.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.ProducerStubsTest;
import dev.conference.c4p.outbox.DeliveryOutcome;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.proposal.ProposalFormat;
import dev.conference.c4p.proposal.ProposalLevel;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * c4p-service's calls to agenda-service around a withdrawal, against the stubs of agenda-service's contracts
 * {@code removeItemOfProposal} and {@code createItemForWithdrawnProposal}.
 */
class AgendaWithdrawalContractTest extends ProducerStubsTest {

    private static final UUID WITHDRAWN = UUID.fromString("c4900000-0000-4000-8000-0000000000dd");

    private AgendaClient agenda;

    @BeforeEach
    void client() {
        agenda = newClient((properties, builder, breakers) -> new AgendaClient(properties, builder, breakers, json));
    }

    @Test
    void removalOfAWithdrawnTalkIsAccepted() {
        String key = "proposal:" + WITHDRAWN + ":agenda-removal";

        assertThat(agenda.remove(key, WITHDRAWN).value()).isEqualTo(204);
        assertThat(agenda.deliver(OutboxKind.AGENDA_REMOVAL, key, json.writeValueAsString(new AgendaRemoval(WITHDRAWN))))
                .isEqualTo(DeliveryOutcome.DONE);
    }

    @Test
    void entryOfAProposalWithdrawnMeanwhileIsSkippedNotRefusedNorDelivered() {
        String key = "proposal:" + WITHDRAWN + ":agenda-entry";
        String payload = json.writeValueAsString(new AgendaEntry(WITHDRAWN, "Outboxes in practice",
                "Never lose a side effect.", "Ada Lovelace", ProposalFormat.WORKSHOP, ProposalLevel.BEGINNER,
                "Ada writes programs."));

        assertThat(agenda.place(key, payload).value()).isEqualTo(410);
        assertThat(agenda.deliver(OutboxKind.AGENDA_ENTRY, key, payload))
                .isEqualTo(DeliveryOutcome.skipped(AgendaClient.NOT_PLACED));
    }
}

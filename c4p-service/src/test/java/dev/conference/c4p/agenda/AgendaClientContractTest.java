package dev.conference.c4p.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.ProducerStubsTest;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.proposal.ProposalFormat;
import dev.conference.c4p.proposal.ProposalLevel;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** c4p-service's calls to agenda-service, against the stubs of agenda-service's contracts. */
class AgendaClientContractTest extends ProducerStubsTest {

    private AgendaClient agenda;

    @BeforeEach
    void client() {
        agenda = newClient((properties, builder, breakers) -> new AgendaClient(properties, builder, breakers, json));
    }

    @Test
    void approvedTalkIsAccepted() {
        UUID proposal = UUID.randomUUID();
        String payload = entry(proposal, "Streams, calmly", "Backpressure explained.", "Barbara Liskov");

        assertThat(agenda.place(key(proposal), payload).value()).isEqualTo(201);
    }

    @Test
    void approvedWorkshopWithItsLevelIsAccepted() {
        UUID proposal = UUID.randomUUID();
        String payload = json.writeValueAsString(new AgendaEntry(proposal, "Build an outbox", "Two hours, one laptop.",
                "Ada Lovelace", ProposalFormat.WORKSHOP, ProposalLevel.BEGINNER, null));

        assertThat(agenda.place(key(proposal), payload).value()).isEqualTo(201);
    }

    @Test
    void redeliveryForAProposalAlreadyOnTheAgendaIsAccepted() {
        UUID proposal = UUID.fromString("c4900000-0000-4000-8000-000000000001");
        String payload = entry(proposal, "Records in depth", "Everything about Java records.", "Ada Lovelace");

        assertThat(agenda.place(key(proposal), payload).value())
                .as("the existing item, nothing created").isEqualTo(200);
    }

    @Test
    void fullAgendaIsARefusalNotARetry() {
        UUID proposal = UUID.fromString("c4900000-0000-4000-8000-0000000000ff");
        String payload = entry(proposal, "One talk too many", "There is no room left.", "Ada Lovelace");

        assertRefusal(() -> agenda.deliver(OutboxKind.AGENDA_ENTRY, key(proposal), payload))
                .hasMessageContaining("409").hasMessageContaining("AGENDA_FULL");
    }

    @Test
    void invalidEntryIsARefusalNotARetry() {
        UUID proposal = UUID.fromString("c4900000-0000-4000-8000-000000000077");
        String payload = entry(proposal, "", "No title.", "Ada Lovelace");

        assertRefusal(() -> agenda.deliver(OutboxKind.AGENDA_ENTRY, key(proposal), payload))
                .hasMessageContaining("400");
    }

    @Test
    void agendaListingNamesEachItemsProposal() {
        assertThat(agenda.items()).extracting(AgendaItemRef::proposalId).containsExactly(
                UUID.fromString("c4900000-0000-4000-8000-000000000001"),
                UUID.fromString("c4900000-0000-4000-8000-000000000002"));
        assertThat(agenda.items()).extracting(AgendaItemRef::id).doesNotContainNull();
    }

    private String entry(UUID proposal, String title, String abstractText, String speaker) {
        return json.writeValueAsString(new AgendaEntry(proposal, title, abstractText, speaker, ProposalFormat.TALK,
                null, null));
    }

    private static String key(UUID proposal) {
        return "proposal:" + proposal + ":agenda-entry";
    }
}

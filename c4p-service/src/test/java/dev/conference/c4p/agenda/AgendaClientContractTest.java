package dev.conference.c4p.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.c4p.ProducerStubs;
import dev.conference.c4p.outbox.DeliveryFailure;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** c4p-service's calls to agenda-service, against the stubs of agenda-service's contracts. */
class AgendaClientContractTest {

    @RegisterExtension
    static StubRunnerExtension stubs = ProducerStubs.agendaAndEmail();

    private final JsonMapper json = JsonMapper.builder().build();
    private AgendaClient agenda;

    @BeforeEach
    void client() {
        agenda = new AgendaClient(ProducerStubs.pointingAt(stubs), RestClient.builder(), ProducerStubs.breakers());
    }

    @Test
    void approvedTalkIsAccepted() {
        UUID proposal = UUID.randomUUID();
        String payload = json.writeValueAsString(new AgendaEntry(proposal, "Streams, calmly", "Backpressure explained.",
                "Barbara Liskov"));

        assertThat(agenda.place("proposal:" + proposal + ":agenda-entry", payload).value()).isEqualTo(201);
    }

    @Test
    void redeliveryForAProposalAlreadyOnTheAgendaIsAccepted() {
        UUID proposal = UUID.fromString("c4900000-0000-4000-8000-000000000001");
        String payload = json.writeValueAsString(new AgendaEntry(proposal, "Records in depth",
                "Everything about Java records.", "Ada Lovelace"));

        assertThat(agenda.place("proposal:" + proposal + ":agenda-entry", payload).value())
                .as("the existing item, nothing created").isEqualTo(200);
    }

    @Test
    void fullAgendaIsARefusalNotARetry() {
        UUID proposal = UUID.fromString("c4900000-0000-4000-8000-0000000000ff");
        String payload = json.writeValueAsString(new AgendaEntry(proposal, "One talk too many", "There is no room left.",
                "Ada Lovelace"));

        assertThatThrownBy(() -> agenda.deliver("proposal:" + proposal + ":agenda-entry", payload))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isTrue())
                .hasMessageContaining("409").hasMessageContaining("AGENDA_FULL");
    }

    @Test
    void invalidEntryIsARefusalNotARetry() {
        UUID proposal = UUID.fromString("c4900000-0000-4000-8000-000000000077");
        String payload = json.writeValueAsString(new AgendaEntry(proposal, "", "No title.", "Ada Lovelace"));

        assertThatThrownBy(() -> agenda.deliver("proposal:" + proposal + ":agenda-entry", payload))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isTrue())
                .hasMessageContaining("400");
    }

    @Test
    void agendaListingNamesEachItemsProposal() {
        assertThat(agenda.items()).extracting(AgendaItemRef::proposalId).containsExactly(
                UUID.fromString("c4900000-0000-4000-8000-000000000001"),
                UUID.fromString("c4900000-0000-4000-8000-000000000002"));
        assertThat(agenda.items()).extracting(AgendaItemRef::id).doesNotContainNull();
    }
}

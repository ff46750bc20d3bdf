package dev.conference.c4p.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.c4p.ProducerStubs;
import dev.conference.c4p.outbox.DeliveryFailure;
import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.SubmitProposal;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** c4p-service's calls to email-service, against the stubs of email-service's contracts. */
class EmailClientContractTest {

    @RegisterExtension
    static StubRunnerExtension stubs = ProducerStubs.agendaAndEmail();

    private final JsonMapper json = JsonMapper.builder().build();
    private EmailClient email;

    @BeforeEach
    void client() {
        email = new EmailClient(ProducerStubs.pointingAt(stubs), RestClient.builder(), ProducerStubs.breakers());
    }

    @Test
    void speakerEmailAsTheOutboxRecordsItIsAccepted() {
        Proposal proposal = new Proposal(new SubmitProposal("Outboxes in practice", "Never lose a side effect.",
                "Ada Lovelace", "ada@example.com"), "abc123", Instant.now());
        String key = "proposal:" + proposal.getId() + ":decision-email";
        EmailMessage message = EmailMessage.of(key, EmailMessage.Template.PROPOSAL_APPROVED, proposal,
                "http://localhost:8080/track/abc123");

        email.deliver(key, json.writeValueAsString(message));
    }

    @Test
    void smtpDownIsARetryNotARefusal() {
        String payload = """
                {"idempotencyKey":"contract:smtp-down","template":"PROPOSAL_RECEIVED","to":"ada@example.com",\
                "speakerName":"Ada Lovelace","proposalTitle":"Outboxes in practice"}""";

        assertThatThrownBy(() -> email.deliver("contract:smtp-down", payload))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isFalse())
                .hasMessageContaining("503");
    }

    @Test
    void invalidAddressIsARefusalNotARetry() {
        String payload = """
                {"idempotencyKey":"contract:invalid-address","template":"PROPOSAL_RECEIVED","to":"not-an-address",\
                "speakerName":"Ada Lovelace","proposalTitle":"Outboxes in practice"}""";

        assertThatThrownBy(() -> email.deliver("contract:invalid-address", payload))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isTrue())
                .hasMessageContaining("400");
    }

    @Test
    void recipientRefusedBySmtpIsARefusalNotARetry() {
        String payload = """
                {"idempotencyKey":"contract:recipient-refused","template":"PROPOSAL_RECEIVED","to":"nobody@example.com",\
                "speakerName":"Ada Lovelace","proposalTitle":"Outboxes in practice"}""";

        assertThatThrownBy(() -> email.deliver("contract:recipient-refused", payload))
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isTrue())
                .hasMessageContaining("422")
                .hasMessageContaining("Recipient refused");
    }
}

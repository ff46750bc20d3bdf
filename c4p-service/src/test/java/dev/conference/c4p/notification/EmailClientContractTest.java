package dev.conference.c4p.notification;

import dev.conference.c4p.ProducerStubsTest;
import dev.conference.c4p.outbox.OutboxKind;
import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.SubmitProposal;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** c4p-service's calls to email-service, against the stubs of email-service's contracts. */
class EmailClientContractTest extends ProducerStubsTest {

    private EmailClient email;

    @BeforeEach
    void client() {
        email = newClient(EmailClient::new);
    }

    @Test
    void speakerEmailAsTheOutboxRecordsItIsAccepted() {
        Proposal proposal = new Proposal(new SubmitProposal("Outboxes in practice", "Never lose a side effect.",
                "Ada Lovelace", "ada@example.com"), "abc123", Instant.now());
        String key = "proposal:" + proposal.getId() + ":decision-email";
        EmailMessage message = EmailMessage.of(key, EmailMessage.Template.PROPOSAL_APPROVED, proposal,
                "http://localhost:8080/track/abc123");

        email.deliver(OutboxKind.DECISION_EMAIL, key, json.writeValueAsString(message));
    }

    @Test
    void withdrawalEmailAsTheOutboxRecordsItIsAccepted() {
        Proposal proposal = new Proposal(new SubmitProposal("Outboxes in practice", "Never lose a side effect.",
                "Ada Lovelace", "ada@example.com"), "abc123", Instant.now());
        String key = "proposal:" + proposal.getId() + ":withdrawal-email";
        EmailMessage message = EmailMessage.of(key, EmailMessage.Template.PROPOSAL_WITHDRAWN, proposal,
                "http://localhost:8080/track/abc123");

        email.deliver(OutboxKind.WITHDRAWAL_EMAIL, key, json.writeValueAsString(message));
    }

    @Test
    void smtpDownIsARetryNotARefusal() {
        String key = "contract:smtp-down";

        assertRetry(() -> email.deliver(OutboxKind.RECEIVED_EMAIL, key, received(key, "ada@example.com")))
                .hasMessageContaining("503");
    }

    @Test
    void invalidAddressIsARefusalNotARetry() {
        String key = "contract:invalid-address";

        assertRefusal(() -> email.deliver(OutboxKind.RECEIVED_EMAIL, key, received(key, "not-an-address")))
                .hasMessageContaining("400");
    }

    @Test
    void recipientRefusedBySmtpIsARefusalNotARetry() {
        String key = "contract:recipient-refused";

        assertRefusal(() -> email.deliver(OutboxKind.RECEIVED_EMAIL, key, received(key, "nobody@example.com")))
                .hasMessageContaining("422")
                .hasMessageContaining("Recipient refused");
    }

    /** A "we received your proposal" email as the stubs expect it. */
    private static String received(String key, String to) {
        return """
                {"idempotencyKey":"%s","template":"PROPOSAL_RECEIVED","to":"%s",\
                "speakerName":"Ada Lovelace","proposalTitle":"Outboxes in practice"}""".formatted(key, to);
    }
}

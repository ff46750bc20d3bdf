package dev.conference.platform.faults;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SMTP and agenda-service down during a burst of decisions: once they are back, everything arrives once. */
class OutageDuringDecisionBurstTest extends DecisionFaultTest {

    private static final int PROPOSALS = 18;

    @Test
    void smtpAndAgendaDownDuringABurstThenUpDeliversEverySideEffectOnce() throws Exception {
        List<Proposal> proposals = submitProposals(PROPOSALS, "Outage");
        // The sink forgets its messages when it stops: count only the decision emails.
        eventually(Duration.ofSeconds(30), () -> proposals.stream()
                .allMatch(p -> "DELIVERED".equals(deliveryOf(p.id(), "RECEIVED_EMAIL", "status"))), "receipts sent");
        DecisionBurst.Figures figures;
        platform.smtp.stop();
        platform.agenda.stop();
        try {
            figures = new DecisionBurst().run(proposals.stream().map(Proposal::asDecision).toList(), 4,
                    attempt -> platform.c4p.url(), Duration.ofSeconds(30));
            eventually(Duration.ofSeconds(20), () -> proposals.stream()
                    .allMatch(p -> deliveryOf(p.id(), "DECISION_EMAIL", "lastError") != null), "failed attempts visible");
        } finally {
            platform.smtp.start();
            platform.agenda.start().awaitReady(Duration.ofSeconds(90));
        }

        Outcome outcome = settle(proposals, 1);
        FaultReport.line("SMTP and agenda-service down during %d decisions, then back: %d calls, %d failed, final "
                        + "statuses %s; %d approved; lost %d, duplicated %d", PROPOSALS, figures.calls(),
                figures.failedCalls(), figures.finalStatuses(), outcome.approved(), outcome.lost(), outcome.duplicated());
        assertThat(figures.failedCalls()).isZero();
        assertThat(outcome.lost()).isZero();
        assertThat(outcome.duplicated()).isZero();
    }
}

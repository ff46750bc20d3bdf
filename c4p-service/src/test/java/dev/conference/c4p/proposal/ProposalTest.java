package dev.conference.c4p.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProposalTest {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");

    @Test
    void decidingAPendingProposalRecordsWhoAndWhen() {
        Proposal proposal = pending();

        assertThat(proposal.decide(ProposalStatus.APPROVED, "olivia", NOW)).isTrue();

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.APPROVED);
        assertDecidedByOliviaAtNow(proposal);
    }

    @Test
    void repeatingTheSameDecisionChangesNothing() {
        Proposal proposal = pending();
        proposal.decide(ProposalStatus.REJECTED, "olivia", NOW);

        assertThat(proposal.decide(ProposalStatus.REJECTED, "oscar", NOW.plusSeconds(60))).isFalse();

        assertDecidedByOliviaAtNow(proposal);
    }

    @Test
    void contradictingAnEarlierDecisionIsRefused() {
        Proposal proposal = pending();
        proposal.decide(ProposalStatus.APPROVED, "olivia", NOW);

        assertThatThrownBy(() -> proposal.decide(ProposalStatus.REJECTED, "oscar", NOW))
                .isInstanceOf(ConflictingDecisionException.class);
        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.APPROVED);
    }

    @Test
    void pendingIsNotADecision() {
        assertThatThrownBy(() -> pending().decide(ProposalStatus.PENDING, "olivia", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertDecidedByOliviaAtNow(Proposal proposal) {
        assertThat(proposal.getDecidedBy()).isEqualTo("olivia");
        assertThat(proposal.getDecidedAt()).isEqualTo(NOW);
    }

    private static Proposal pending() {
        return new Proposal(new SubmitProposal("Title", "Abstract", "Ada", "ada@example.com"), "token", NOW);
    }
}

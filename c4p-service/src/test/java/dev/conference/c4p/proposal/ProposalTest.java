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

    @Test
    void aSubmissionIsATalkOfNoStatedLevelUnlessSaidOtherwiseAndABlankBioIsNone() {
        Proposal proposal = new Proposal(new SubmitProposal(" Title ", "Abstract", "Ada", "ada@example.com", null, null,
                " \n\t ").trimmed(), "token", NOW);

        assertThat(proposal.getFormat()).isEqualTo(ProposalFormat.TALK);
        assertThat(proposal.getLevel()).isNull();
        assertThat(proposal.getSpeakerBio()).isNull();
        assertThat(proposal.getTitle()).isEqualTo("Title");
    }

    @Test
    void editingAPendingProposalReplacesWhatTheSpeakerWroteAndRecordsWhen() {
        Proposal proposal = pending();

        proposal.edit(new EditProposal(" New title ", "New abstract", ProposalFormat.WORKSHOP, ProposalLevel.ADVANCED,
                " Ada writes.\nLine two. ").content(), NOW.plusSeconds(5));

        assertThat(proposal.getTitle()).isEqualTo("New title");
        assertThat(proposal.getAbstractText()).isEqualTo("New abstract");
        assertThat(proposal.getFormat()).isEqualTo(ProposalFormat.WORKSHOP);
        assertThat(proposal.getLevel()).isEqualTo(ProposalLevel.ADVANCED);
        assertThat(proposal.getSpeakerBio()).isEqualTo("Ada writes.\nLine two.");
        assertThat(proposal.getEditedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.PENDING);
    }

    @Test
    void anEditWithoutAFormatMakesItATalkAgain() {
        Proposal proposal = pending();
        proposal.edit(new EditProposal("T", "A", ProposalFormat.WORKSHOP, null, null).content(), NOW);

        proposal.edit(new EditProposal("T", "A", null, null, null).content(), NOW);

        assertThat(proposal.getFormat()).isEqualTo(ProposalFormat.TALK);
    }

    @Test
    void aDecidedOrWithdrawnProposalCannotBeEdited() {
        Proposal approved = pending();
        approved.decide(ProposalStatus.APPROVED, "olivia", NOW);
        Proposal withdrawn = pending();
        withdrawn.withdraw(NOW);

        for (Proposal proposal : new Proposal[] {approved, withdrawn}) {
            assertThatThrownBy(() -> proposal.edit(new EditProposal("Other", "Other", null, null, null).content(), NOW))
                    .isInstanceOfSatisfying(ProposalStateConflictException.class,
                            conflict -> assertThat(conflict.code()).isEqualTo("NOT_EDITABLE"));
            assertThat(proposal.getTitle()).isEqualTo("Title");
            assertThat(proposal.getEditedAt()).isNull();
        }
    }

    @Test
    void withdrawingAPendingProposalRecordsWhen() {
        Proposal proposal = pending();

        assertThat(proposal.withdraw(NOW)).isTrue();

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.WITHDRAWN);
        assertThat(proposal.getWithdrawnAt()).isEqualTo(NOW);
        assertThat(proposal.getDecidedAt()).isNull();
    }

    @Test
    void withdrawingAnApprovedProposalKeepsItsDecision() {
        Proposal proposal = pending();
        proposal.decide(ProposalStatus.APPROVED, "olivia", NOW);

        assertThat(proposal.withdraw(NOW.plusSeconds(60))).isTrue();

        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.WITHDRAWN);
        assertThat(proposal.getWithdrawnAt()).isEqualTo(NOW.plusSeconds(60));
        assertDecidedByOliviaAtNow(proposal);
    }

    @Test
    void withdrawingTwiceChangesNothing() {
        Proposal proposal = pending();
        proposal.withdraw(NOW);

        assertThat(proposal.withdraw(NOW.plusSeconds(60))).isFalse();

        assertThat(proposal.getWithdrawnAt()).isEqualTo(NOW);
    }

    @Test
    void aRejectedProposalCannotBeWithdrawn() {
        Proposal proposal = pending();
        proposal.decide(ProposalStatus.REJECTED, "olivia", NOW);

        assertThatThrownBy(() -> proposal.withdraw(NOW)).isInstanceOfSatisfying(ProposalStateConflictException.class,
                conflict -> assertThat(conflict.code()).isEqualTo("NOT_WITHDRAWABLE"));
        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(proposal.getWithdrawnAt()).isNull();
    }

    @Test
    void aWithdrawnProposalCannotBeDecided() {
        Proposal proposal = pending();
        proposal.withdraw(NOW);

        for (ProposalStatus decision : new ProposalStatus[] {ProposalStatus.APPROVED, ProposalStatus.REJECTED}) {
            assertThatThrownBy(() -> proposal.decide(decision, "olivia", NOW))
                    .isInstanceOf(ConflictingDecisionException.class);
        }
        assertThat(proposal.getStatus()).isEqualTo(ProposalStatus.WITHDRAWN);
    }

    @Test
    void withdrawnIsNotADecision() {
        assertThatThrownBy(() -> pending().decide(ProposalStatus.WITHDRAWN, "olivia", NOW))
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

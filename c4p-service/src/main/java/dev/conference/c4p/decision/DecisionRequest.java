package dev.conference.c4p.decision;

import dev.conference.c4p.proposal.ProposalStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An organizer's decision on a proposal: APPROVED or REJECTED. */
public record DecisionRequest(@NotNull @Pattern(regexp = "APPROVED|REJECTED", message = "must be APPROVED or REJECTED")
                              String decision) {

    ProposalStatus status() {
        return ProposalStatus.valueOf(decision);
    }
}

package dev.conference.c4p.decision;

import dev.conference.c4p.proposal.ProposalStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** One decision for up to {@value #MAX_PROPOSALS} proposals, each named once. */
public record BulkDecisionRequest(
        @NotNull @Size(min = 1, max = MAX_PROPOSALS) List<@NotNull UUID> proposalIds,
        @NotNull @Pattern(regexp = "APPROVED|REJECTED", message = "must be APPROVED or REJECTED") String decision) {

    static final int MAX_PROPOSALS = 100;

    /** Whether some proposal is named twice (a rule on the whole list, checked after the field rules). */
    boolean hasDuplicates() {
        return new HashSet<>(proposalIds).size() != proposalIds.size();
    }

    ProposalStatus status() {
        return ProposalStatus.valueOf(decision);
    }
}

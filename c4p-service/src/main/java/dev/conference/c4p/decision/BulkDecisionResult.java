package dev.conference.c4p.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conference.c4p.proposal.ProposalView;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ProblemDetail;

/** The outcome of a bulk decision: one result per proposal, in the order they were sent. */
public record BulkDecisionResult(List<Item> results) {

    /**
     * One proposal's outcome: {@code status} 200 with the decided {@code proposal}, or the status of the
     * {@code problem} (404 unknown, 409 decided otherwise or withdrawn) that single decision would have answered.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(UUID proposalId, int status, ProposalView proposal, Problem problem) {

        static Item decided(ProposalView proposal) {
            return new Item(proposal.id(), 200, proposal, null);
        }

        static Item refused(UUID proposalId, ProblemDetail problem) {
            Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
            return new Item(proposalId, problem.getStatus(), null,
                    new Problem(problem.getTitle(), code == null ? null : code.toString(), problem.getDetail()));
        }
    }

    /** Why one proposal was not decided; {@code code} is null where the single answer has none (404). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Problem(String title, String code, String detail) {
    }
}

package dev.conference.c4p.decision;

import dev.conference.c4p.proposal.Proposal;
import dev.conference.c4p.proposal.ProposalService;
import dev.conference.c4p.proposal.ProposalStatus;
import dev.conference.c4p.proposal.ProposalView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Decides several proposals one after the other, each in a transaction of its own (through
 * {@link DecisionService}) with its usual side effects, so a conflict on one never undoes or stops the others.
 * Deliberately not transactional itself.
 */
@Service
class BulkDecisionService {

    private final DecisionService decisions;
    private final ProposalService proposals;

    BulkDecisionService(DecisionService decisions, ProposalService proposals) {
        this.decisions = decisions;
        this.proposals = proposals;
    }

    BulkDecisionResult decide(List<UUID> proposalIds, ProposalStatus decision, String organizer) {
        Map<UUID, BulkDecisionResult.Item> refusals = new HashMap<>();
        List<Proposal> decided = new ArrayList<>(proposalIds.size());
        for (UUID id : proposalIds) {
            try {
                decided.add(decisions.take(id, decision, organizer));
            } catch (ErrorResponseException refused) {
                refusals.put(id, BulkDecisionResult.Item.refused(id, refused.getBody()));
            } catch (PessimisticLockingFailureException | QueryTimeoutException busy) {
                // Another change held the proposal's row past the wait: this one is not decided, the next ones may be.
                refusals.put(id, BulkDecisionResult.Item.refused(id, busy(id)));
            }
        }
        // The views after the loop, in one read for all: not one per proposal inside its locked transaction.
        Map<UUID, ProposalView> views = proposals.viewsOf(decided).stream()
                .collect(Collectors.toMap(ProposalView::id, Function.identity()));
        return new BulkDecisionResult(proposalIds.stream()
                .map(id -> views.containsKey(id) ? BulkDecisionResult.Item.decided(views.get(id)) : refusals.get(id))
                .toList());
    }

    private static ProblemDetail busy(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Proposal " + id + " was being changed by another request for too long; decide it again.");
        problem.setTitle("Proposal busy");
        problem.setProperty("code", "BUSY");
        return problem;
    }
}

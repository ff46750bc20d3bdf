package dev.conference.c4p.decision;

import dev.conference.c4p.proposal.ProposalStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

    BulkDecisionService(DecisionService decisions) {
        this.decisions = decisions;
    }

    BulkDecisionResult decide(List<UUID> proposalIds, ProposalStatus decision, String organizer) {
        List<BulkDecisionResult.Item> results = new ArrayList<>(proposalIds.size());
        for (UUID id : proposalIds) {
            try {
                results.add(BulkDecisionResult.Item.decided(decisions.decide(id, decision, organizer)));
            } catch (ErrorResponseException refused) {
                results.add(BulkDecisionResult.Item.refused(id, refused.getBody()));
            } catch (PessimisticLockingFailureException | QueryTimeoutException busy) {
                // Another change held the proposal's row past the wait: this one is not decided, the next ones may be.
                results.add(BulkDecisionResult.Item.refused(id, busy(id)));
            }
        }
        return new BulkDecisionResult(results);
    }

    private static ProblemDetail busy(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Proposal " + id + " was being changed by another request for too long; decide it again.");
        problem.setTitle("Proposal busy");
        problem.setProperty("code", "BUSY");
        return problem;
    }
}

package dev.conference.c4p.decision;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.c4p.C4pIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class DecisionApiTest extends C4pIntegrationTest {

    @Test
    void approvingDeliversTheAgendaEntryAndTheApprovalEmail() {
        String id = submit("Approve me");

        ResponseEntity<String> decided = decide(id, "APPROVED");

        assertThat(decided.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(decided, "$.status")).isEqualTo("APPROVED");
        assertThat((String) read(decided, "$.decidedBy")).isEqualTo("olivia");
        eventually(Duration.ofSeconds(10), () -> agenda.receivedWithKeyContaining(id).size() == 1
                && email.receivedWithKeyContaining(id + ":decision-email").size() == 1, "both were delivered");
        assertThat(agenda.receivedWithKeyContaining(id).getFirst().path()).isEqualTo("/agenda-items");
        String entry = agenda.receivedWithKeyContaining(id).getFirst().body();
        assertThat((String) JsonPath.read(entry, "$.proposalId")).isEqualTo(id);
        assertThat((String) JsonPath.read(entry, "$.title")).isEqualTo("Approve me");
        assertThat((String) JsonPath.read(entry, "$.abstract")).isEqualTo("How we kept the lights on.");
        assertThat((String) JsonPath.read(entry, "$.speakerName")).isEqualTo("Ada Lovelace");
        String approval = email.receivedWithKeyContaining(id + ":decision-email").getFirst().body();
        assertThat((String) JsonPath.read(approval, "$.template")).isEqualTo("PROPOSAL_APPROVED");
        eventually(Duration.ofSeconds(10), () -> {
            List<String> statuses = read(get("/proposals/{id}", id), "$.deliveries[*].status");
            return statuses.size() == 3 && statuses.stream().allMatch("DELIVERED"::equals);
        }, "the proposal shows its three side effects delivered");
    }

    @Test
    void rejectingSendsTheRejectionEmailAndNoAgendaEntry() {
        String id = submit("Reject me");

        decide(id, "REJECTED");

        eventually(Duration.ofSeconds(10), () -> email.receivedWithKeyContaining(id + ":decision-email").size() == 1,
                "the rejection email was posted");
        String rejection = email.receivedWithKeyContaining(id + ":decision-email").getFirst().body();
        assertThat((String) JsonPath.read(rejection, "$.template")).isEqualTo("PROPOSAL_REJECTED");
        assertThat(agenda.receivedWithKeyContaining(id)).isEmpty();
        List<String> kinds = read(get("/proposals/{id}", id), "$.deliveries[*].kind");
        assertThat(kinds).containsExactlyInAnyOrder("RECEIVED_EMAIL", "DECISION_EMAIL");
    }

    @Test
    void approvingTwiceAnswersTheSameAndRecordsNoSecondSideEffect() {
        String id = submit("Twice");
        ResponseEntity<String> first = decide(id, "APPROVED");

        ResponseEntity<String> second = decide(id, "APPROVED");

        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(second, "$.decidedAt")).isEqualTo(read(first, "$.decidedAt"));
        List<String> kinds = read(get("/proposals/{id}", id), "$.deliveries[*].kind");
        assertThat(kinds).containsExactlyInAnyOrder("RECEIVED_EMAIL", "AGENDA_ENTRY", "DECISION_EMAIL");
    }

    @Test
    void approvingConcurrentlyRecordsOneAgendaEntryAndOneDecisionEmail() throws Exception {
        String id = submit("Concurrent");
        List<Callable<Integer>> approvals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            approvals.add(() -> decide(id, "APPROVED").getStatusCode().value());
        }

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<Integer> answer : pool.invokeAll(approvals)) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses).containsOnly(200);
        eventually(Duration.ofSeconds(10), () -> email.receivedWithKeyContaining(id + ":decision-email").size() == 1
                && agenda.receivedWithKeyContaining(id).size() == 1, "the side effects were delivered");
        // Once each of the proposal's outbox events is DELIVERED the relay never sends it again: the counts are final.
        eventually(Duration.ofSeconds(10), () -> C4pIntegrationTest.<List<String>>read(get("/proposals/{id}", id), "$.deliveries[*].status")
                .stream().allMatch("DELIVERED"::equals), "every delivery is recorded");
        assertThat(agenda.receivedWithKeyContaining(id)).hasSize(1);
        assertThat(email.receivedWithKeyContaining(id + ":decision-email")).hasSize(1);
    }

    @Test
    void changingADecidedProposalIsRefusedWithAClearConflict() {
        String id = submit("Decided");
        decide(id, "APPROVED");

        ResponseEntity<String> conflict = decide(id, "REJECTED");

        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(isProblem(conflict)).isTrue();
        assertThat((String) read(conflict, "$.code")).isEqualTo("ALREADY_DECIDED");
        assertThat((String) read(conflict, "$.detail")).contains("already APPROVED by olivia");
        assertThat((String) read(get("/proposals/{id}", id), "$.status")).isEqualTo("APPROVED");
    }

    @Test
    void decidingAnUnknownProposalIsNotFound() {
        ResponseEntity<String> missing = decide("0b9c4a5e-0000-4000-8000-000000000000", "APPROVED");

        assertNotFoundProblem(missing);
    }

    @Test
    void notificationsListTheEmailsWithTheirDeliveryStatus() {
        String id = submit("Notify me");
        decide(id, "REJECTED");
        eventually(Duration.ofSeconds(10), () -> email.receivedWithKeyContaining(id).size() == 2, "both emails sent");

        eventually(Duration.ofSeconds(10), () -> {
            ResponseEntity<String> page = get("/notifications?size=100");
            List<String> templates = read(page, "$.items[?(@.proposalId == '" + id + "' && @.status == 'DELIVERED')].template");
            return templates.containsAll(List.of("PROPOSAL_RECEIVED", "PROPOSAL_REJECTED"));
        }, "the notifications show both emails delivered");
        ResponseEntity<String> page = get("/notifications?size=100");
        List<String> recipients = read(page, "$.items[?(@.proposalId == '" + id + "')].to");
        assertThat(recipients).containsOnly("speaker@example.com");
    }
}

package dev.conference.c4p.decision;

import static dev.conference.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class BulkDecisionApiTest extends C4pIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void eachProposalIsDecidedOnItsOwnAndAConflictOrAnUnknownOneAffectsNoOther() {
        String first = submit("Bulk one");
        String rejectedBefore = submit("Bulk rejected before");
        String unknown = UUID.randomUUID().toString();
        String last = submit("Bulk last");
        decide(rejectedBefore, "REJECTED");

        ResponseEntity<String> answer = decideAll("olivia", null, List.of(first, rejectedBefore, unknown, last),
                "APPROVED");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat((List<String>) read(answer, "$.results[*].proposalId"))
                .containsExactly(first, rejectedBefore, unknown, last);
        assertThat((List<Integer>) read(answer, "$.results[*].status")).containsExactly(200, 409, 404, 200);
        assertThat((List<String>) read(answer, "$.results[*].proposal.status"))
                .containsExactly("APPROVED", "APPROVED");
        assertThat((String) read(answer, "$.results[0].proposal.decidedBy")).isEqualTo("olivia");
        assertThat((Object) read(answer, "$.results[0].problem")).isNull();
        assertThat((Object) read(answer, "$.results[1].proposal")).isNull();
        assertThat((String) read(answer, "$.results[1].problem.code")).isEqualTo("ALREADY_DECIDED");
        assertThat((String) read(answer, "$.results[1].problem.title")).isEqualTo("Proposal already decided");
        assertThat((String) read(answer, "$.results[1].problem.detail")).contains("already REJECTED");
        assertThat((String) read(answer, "$.results[2].problem.title")).isEqualTo("Proposal not found");
        assertThat((String) read(get("/proposals/{id}", rejectedBefore), "$.status")).isEqualTo("REJECTED");

        for (String approved : List.of(first, last)) {
            assertThat((List<String>) read(get("/proposals/{id}", approved), "$.deliveries[*].kind"))
                    .containsExactlyInAnyOrder("RECEIVED_EMAIL", "AGENDA_ENTRY", "DECISION_EMAIL");
            eventually(Duration.ofSeconds(10), () -> agenda.receivedWithKeyContaining(approved).size() == 1
                    && email.receivedWithKeyContaining(approved + ":decision-email").size() == 1,
                    "the approval's agenda entry and email were delivered");
        }
        assertThat(email.receivedWithKeyContaining(rejectedBefore + ":decision-email")).hasSize(1);
        assertThat(agenda.receivedWithKeyContaining(rejectedBefore)).isEmpty();
    }

    @Test
    void aProposalLockedTooLongIsAConflictAndTheOthersAreStillDecided() throws Exception {
        String locked = submit("Bulk locked");
        String free = submit("Bulk free");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select id from proposal where id = :id for update").param("id", UUID.fromString(locked))
                    .query(UUID.class).single();
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            holding.await();

            ResponseEntity<String> answer = decideAll("olivia", null, List.of(locked, free), "APPROVED");

            assertThat((List<Integer>) read(answer, "$.results[*].status")).containsExactly(409, 200);
            assertThat((String) read(answer, "$.results[0].problem.code")).isEqualTo("BUSY");
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat((String) read(get("/proposals/{id}", locked), "$.status")).isEqualTo("PENDING");
        assertThat((String) read(get("/proposals/{id}", free), "$.status")).isEqualTo("APPROVED");
    }

    @Test
    void repeatingABulkDecisionAnswersTheSameAndRecordsNothingNew() {
        String id = submit("Bulk twice");
        decideAll("olivia", "ORGANIZER", List.of(id), "REJECTED");

        ResponseEntity<String> again = decideAll("oscar", "ORGANIZER", List.of(id), "REJECTED");

        assertThat((List<Integer>) read(again, "$.results[*].status")).containsExactly(200);
        assertThat((String) read(again, "$.results[0].proposal.decidedBy")).isEqualTo("olivia");
        assertThat((List<String>) read(get("/proposals/{id}", id), "$.deliveries[*].kind"))
                .containsExactlyInAnyOrder("RECEIVED_EMAIL", "DECISION_EMAIL");
    }

    @Test
    void aReviewerCannotDecideInBulk() {
        String id = submit("Not for reviewers in bulk");

        ResponseEntity<String> refused = decideAll("rita", "REVIEWER", List.of(id), "APPROVED");

        assertOrganizersOnly(refused);
        assertThat((String) read(get("/proposals/{id}", id), "$.status")).isEqualTo("PENDING");
    }

    @Test
    void aReviewerCannotDecideOneProposal() {
        String id = submit("Not for reviewers");

        ResponseEntity<String> refused = approveOneAs("rita", "REVIEWER", id);

        assertOrganizersOnly(refused);
        assertThat((String) read(get("/proposals/{id}", id), "$.status")).isEqualTo("PENDING");
        assertThat((List<String>) read(get("/proposals/{id}", id), "$.deliveries[*].kind"))
                .containsExactly("RECEIVED_EMAIL");
    }

    @Test
    void anOrganizersRoleMayDecide() {
        String id = submit("For organizers");

        ResponseEntity<String> decided = approveOneAs("olivia", "ORGANIZER", id);

        assertThat(decided.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anUnknownRoleCannotDecide() {
        String id = submit("Unknown role");

        assertOrganizersOnly(decideAll("x", "ADMIN", List.of(id), "APPROVED"));
    }

    private ResponseEntity<String> decideAll(String user, String role, List<String> ids, String decision) {
        String body = "{\"proposalIds\":[" + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList())
                + "],\"decision\":\"" + decision + "\"}";
        return http.post().uri("/decisions").contentType(MediaType.APPLICATION_JSON)
                .header("X-Organizer", user)
                .headers(headers -> {
                    if (role != null) {
                        headers.set("X-Back-Office-Role", role);
                    }
                })
                .body(body).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> approveOneAs(String user, String role, String id) {
        return http.post().uri("/proposals/{id}/decision", id).contentType(MediaType.APPLICATION_JSON)
                .header("X-Organizer", user).header("X-Back-Office-Role", role).body("{\"decision\":\"APPROVED\"}")
                .retrieve().toEntity(String.class);
    }

    private static void assertOrganizersOnly(ResponseEntity<String> refused) {
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(isProblem(refused)).isTrue();
        assertThat((String) read(refused, "$.code")).isEqualTo("ORGANIZERS_ONLY");
        assertThat((String) read(refused, "$.title")).isEqualTo("Organizers only");
    }
}

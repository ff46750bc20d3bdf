package dev.conference.c4p.proposal;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.c4p.C4pIntegrationTest;
import dev.conference.c4p.FakeReceiver;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ProposalApiTest extends C4pIntegrationTest {

    @Test
    void submittingAnswersCreatedWithLocationAndTrackingToken() {
        ResponseEntity<String> created = postJson("/proposals", submission("Outboxes in practice", "ada@example.com"));

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = read(created, "$.id");
        assertThat(created.getHeaders().getLocation()).hasPath("/proposals/" + id);
        assertThat((String) read(created, "$.status")).isEqualTo("PENDING");
        assertThat((String) read(created, "$.trackingToken")).hasSizeGreaterThan(20);
        assertThat((String) read(created, "$.abstract")).isEqualTo("How we kept the lights on.");
        assertThat((Object) read(created, "$.decidedAt")).isNull();
    }

    @Test
    void submissionRecordsTheReceivedEmailAndTheRelayDeliversIt() {
        String id = submit("Received email test");

        eventually(java.time.Duration.ofSeconds(10),
                () -> !email.receivedWithKeyContaining(id + ":received-email").isEmpty(), "the email was posted");
        FakeReceiver.Received posted = email.receivedWithKeyContaining(id + ":received-email").getFirst();
        assertThat(posted.path()).isEqualTo("/emails");
        assertThat((String) JsonPath.read(posted.body(), "$.template")).isEqualTo("PROPOSAL_RECEIVED");
        assertThat((String) JsonPath.read(posted.body(), "$.to")).isEqualTo("speaker@example.com");
        assertThat((String) JsonPath.read(posted.body(), "$.idempotencyKey")).isEqualTo("proposal:" + id + ":received-email");
        assertThat((String) JsonPath.read(posted.body(), "$.trackingUrl")).startsWith("http://localhost:8080/track/");
        eventually(java.time.Duration.ofSeconds(10), () -> "DELIVERED".equals(
                read(get("/proposals/{id}", id), "$.deliveries[0].status")), "the delivery is recorded");
    }

    @Test
    void trackingTokenShowsStatusButNoPersonalData() {
        ResponseEntity<String> created = postJson("/proposals", submission("Tracked talk", "private@example.com"));
        String token = read(created, "$.trackingToken");

        ResponseEntity<String> tracked = get("/proposals/track/{token}", token);

        assertThat(tracked.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(tracked, "$.status")).isEqualTo("PENDING");
        assertThat((String) read(tracked, "$.title")).isEqualTo("Tracked talk");
        assertThat(tracked.getBody()).doesNotContain("private@example.com").doesNotContain("\"id\"");
    }

    @Test
    void unknownTrackingTokenIsNotFound() {
        ResponseEntity<String> tracked = get("/proposals/track/{token}", "no-such-token");

        assertNotFoundProblem(tracked);
    }

    @Test
    void unknownProposalIsNotFound() {
        ResponseEntity<String> found = get("/proposals/{id}", UUID.randomUUID());

        assertNotFoundProblem(found);
    }

    @Test
    void listingFiltersByStatusAndFindsTextInTitleAbstractOrSpeaker() {
        String marker = "zebra" + UUID.randomUUID().toString().substring(0, 6);
        String pending = submit("Pending " + marker);
        String approved = submit("Approved " + marker);
        decide(approved, "APPROVED");

        ResponseEntity<String> all = get("/proposals?q={q}", marker.toUpperCase());
        ResponseEntity<String> onlyApproved = get("/proposals?q={q}&status=APPROVED", marker);

        List<String> allIds = read(all, "$.items[*].id");
        assertThat(allIds).containsExactlyInAnyOrder(pending, approved);
        assertThat((List<String>) read(onlyApproved, "$.items[*].id")).containsExactly(approved);
        assertThat((Integer) read(onlyApproved, "$.totalItems")).isEqualTo(1);
    }

    @Test
    void searchTreatsLikeWildcardsLiterally() {
        String marker = "pct" + UUID.randomUUID().toString().substring(0, 6);
        String literal = submit("100% " + marker);
        submit("100 " + marker);

        ResponseEntity<String> found = get("/proposals?q={q}", "100% " + marker);

        assertThat((List<String>) read(found, "$.items[*].id")).containsExactly(literal);
    }

    @Test
    void listingPagesNewestFirst() {
        String marker = "page" + UUID.randomUUID().toString().substring(0, 6);
        String first = submit(marker + " one");
        String second = submit(marker + " two");
        String third = submit(marker + " three");

        ResponseEntity<String> page0 = get("/proposals?q={q}&size=2&page=0", marker);
        ResponseEntity<String> page1 = get("/proposals?q={q}&size=2&page=1", marker);

        assertThat((List<String>) read(page0, "$.items[*].id")).containsExactly(third, second);
        assertThat((List<String>) read(page1, "$.items[*].id")).containsExactly(first);
        assertThat((Integer) read(page0, "$.totalPages")).isEqualTo(2);
        assertThat((Integer) read(page0, "$.totalItems")).isEqualTo(3);
    }

    @Test
    void scriptAndSqlTextIsStoredAndReturnedLiterally() {
        String title = "<script>alert('x')</script>'; DROP TABLE proposal;--";
        String id = submit(title);

        ResponseEntity<String> found = get("/proposals/{id}", id);

        assertThat((String) read(found, "$.title")).isEqualTo(title);
        assertThat(get("/proposals?size=1").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void surroundingWhiteSpaceIsTrimmed() {
        ResponseEntity<String> created = postJson("/proposals",
                submission("  Spaced out  ", "ada@example.com"));

        assertThat((String) read(created, "$.title")).isEqualTo("Spaced out");
    }

    @Test
    void cfpStatusIsOpenByDefault() {
        ResponseEntity<String> cfp = get("/cfp");

        assertThat((Boolean) read(cfp, "$.open")).isTrue();
    }
}

package dev.conference.c4p.proposal;

import static dev.conference.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.c4p.C4pIntegrationTest;
import dev.conference.c4p.FakeReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** What a speaker does with the tracking token: read, edit while pending, withdraw. */
class ProposalSelfServiceTest extends C4pIntegrationTest {

    @Test
    void formatLevelAndBioAreStoredAndShownToOrganizersAndTheSpeaker() {
        ResponseEntity<String> created = postJson("/proposals", """
                {"title":"Hands-on records","abstract":"Bring a laptop.","speakerName":"Ada Lovelace",
                 "speakerEmail":"ada@example.com","format":"WORKSHOP","level":"BEGINNER",
                 "speakerBio":"  Ada writes programs.\\nFor engines.  "}
                """);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = read(created, "$.id");

        for (ResponseEntity<String> view : List.of(created, get("/proposals/{id}", id),
                get("/proposals/track/{token}", (String) read(created, "$.trackingToken")))) {
            assertThat((String) read(view, "$.format")).isEqualTo("WORKSHOP");
            assertThat((String) read(view, "$.level")).isEqualTo("BEGINNER");
            assertThat((String) read(view, "$.speakerBio")).isEqualTo("Ada writes programs.\nFor engines.");
            assertThat((Object) read(view, "$.withdrawnAt")).isNull();
            assertThat((Object) read(view, "$.editedAt")).isNull();
        }
    }

    @Test
    void aProposalWithoutFormatIsATalkOfNoLevelAndABlankBioIsNone() {
        ResponseEntity<String> created = postJson("/proposals", """
                {"title":"Plain","abstract":"A talk.","speakerName":"Ada","speakerEmail":"ada@example.com",
                 "speakerBio":" \\n "}
                """);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat((String) read(created, "$.format")).isEqualTo("TALK");
        assertThat((Object) read(created, "$.level")).isNull();
        assertThat((Object) read(created, "$.speakerBio")).isNull();
    }

    @Test
    void theAgendaEntryCarriesFormatLevelAndBio() {
        String id = read(postJson("/proposals", """
                {"title":"Workshop on the agenda","abstract":"Two slots.","speakerName":"Ada",
                 "speakerEmail":"ada@example.com","format":"WORKSHOP","level":"ADVANCED","speakerBio":"Ada."}
                """), "$.id");

        decide(id, "APPROVED");

        eventually(Duration.ofSeconds(10), () -> !agenda.receivedWithKeyContaining(id + ":agenda-entry").isEmpty(),
                "the entry was posted");
        String body = agenda.receivedWithKeyContaining(id + ":agenda-entry").getFirst().body();
        assertThat((String) JsonPath.read(body, "$.format")).isEqualTo("WORKSHOP");
        assertThat((String) JsonPath.read(body, "$.level")).isEqualTo("ADVANCED");
        assertThat((String) JsonPath.read(body, "$.speakerBio")).isEqualTo("Ada.");
    }

    @Test
    void editingAPendingProposalChangesWhatOrganizersSee() {
        Submitted proposal = submitted("Before the edit");

        ResponseEntity<String> edited = put("/proposals/track/{token}", proposal.token(), """
                {"title":" After the edit ","abstract":"New abstract.","format":"WORKSHOP","level":"INTERMEDIATE",
                 "speakerBio":"Bio."}
                """);

        assertThat(edited.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(edited, "$.title")).isEqualTo("After the edit");
        assertThat((String) read(edited, "$.status")).isEqualTo("PENDING");
        assertThat((String) read(edited, "$.editedAt")).isNotNull();
        assertThat(edited.getBody()).doesNotContain("\"id\"").doesNotContain("speaker@example.com");
        ResponseEntity<String> organizers = get("/proposals/{id}", proposal.id());
        assertThat((String) read(organizers, "$.title")).isEqualTo("After the edit");
        assertThat((String) read(organizers, "$.abstract")).isEqualTo("New abstract.");
        assertThat((String) read(organizers, "$.format")).isEqualTo("WORKSHOP");
        assertThat((String) read(organizers, "$.level")).isEqualTo("INTERMEDIATE");
        assertThat((String) read(organizers, "$.speakerBio")).isEqualTo("Bio.");
        assertThat((String) read(organizers, "$.editedAt")).isEqualTo(read(edited, "$.editedAt"));
        assertThat((String) read(organizers, "$.speakerName")).isEqualTo("Ada Lovelace");
    }

    @Test
    void aDecidedProposalCannotBeEdited() {
        Submitted proposal = submitted("Decided, then edited");
        decide(proposal.id(), "APPROVED");

        ResponseEntity<String> answer = put("/proposals/track/{token}", proposal.token(), edit("Too late"));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(isProblem(answer)).isTrue();
        assertThat((String) read(answer, "$.title")).isEqualTo("Proposal no longer editable");
        assertThat((String) read(answer, "$.code")).isEqualTo("NOT_EDITABLE");
        assertThat((String) read(answer, "$.currentStatus")).isEqualTo("APPROVED");
        assertThat((String) read(get("/proposals/{id}", proposal.id()), "$.title")).isEqualTo("Decided, then edited");
    }

    @Test
    void aWithdrawnProposalCannotBeEdited() {
        Submitted proposal = submitted("Withdrawn, then edited");
        withdraw(proposal.token());

        ResponseEntity<String> answer = put("/proposals/track/{token}", proposal.token(), edit("Too late"));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat((String) read(answer, "$.currentStatus")).isEqualTo("WITHDRAWN");
    }

    @Test
    void unknownTokensAreNotFound() {
        assertNotFoundProblem(put("/proposals/track/{token}", "no-such-token", edit("Nobody's")));
        assertNotFoundProblem(withdraw("no-such-token"));
    }

    @Test
    void withdrawingAPendingProposalSendsTheConfirmationButTouchesNoAgenda() {
        Submitted proposal = submitted("Withdrawn while pending");

        ResponseEntity<String> withdrawn = withdraw(proposal.token());

        assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(withdrawn, "$.status")).isEqualTo("WITHDRAWN");
        assertThat((String) read(withdrawn, "$.withdrawnAt")).isNotNull();
        assertThat((Object) read(withdrawn, "$.decidedAt")).isNull();
        eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(deliveryOf(proposal.id(), "WITHDRAWAL_EMAIL")),
                "the confirmation was delivered");
        FakeReceiver.Received posted = email.receivedWithKeyContaining(proposal.id() + ":withdrawal-email").getFirst();
        assertThat(posted.path()).isEqualTo("/emails");
        assertThat(posted.idempotencyKey()).isEqualTo("proposal:" + proposal.id() + ":withdrawal-email");
        assertThat((String) JsonPath.read(posted.body(), "$.template")).isEqualTo("PROPOSAL_WITHDRAWN");
        assertThat((String) JsonPath.read(posted.body(), "$.to")).isEqualTo("speaker@example.com");
        assertThat(kinds(proposal.id())).containsExactly("RECEIVED_EMAIL", "WITHDRAWAL_EMAIL");
        assertThat(agenda.receivedWithKeyContaining(proposal.id())).isEmpty();
    }

    @Test
    void withdrawingAnApprovedProposalRemovesItFromTheAgenda() {
        Submitted proposal = submitted("Withdrawn after approval");
        decide(proposal.id(), "APPROVED");

        ResponseEntity<String> withdrawn = withdraw(proposal.token());

        assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(withdrawn, "$.status")).isEqualTo("WITHDRAWN");
        assertThat((String) read(withdrawn, "$.decidedAt")).isNotNull();
        assertThat(kinds(proposal.id())).contains("AGENDA_REMOVAL", "WITHDRAWAL_EMAIL");
        eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(deliveryOf(proposal.id(), "AGENDA_REMOVAL"))
                && "DELIVERED".equals(deliveryOf(proposal.id(), "WITHDRAWAL_EMAIL")), "both were delivered");
        FakeReceiver.Received removal = agenda.receivedWithKeyContaining(proposal.id() + ":agenda-removal").getFirst();
        assertThat(removal.method()).isEqualTo("DELETE");
        assertThat(removal.path()).isEqualTo("/agenda-items/by-proposal/" + proposal.id());
        assertThat(removal.idempotencyKey()).isEqualTo("proposal:" + proposal.id() + ":agenda-removal");
    }

    @Test
    void withdrawingAgainAnswersTheSameAndRecordsNothingNew() {
        Submitted proposal = submitted("Withdrawn twice");
        decide(proposal.id(), "APPROVED");
        ResponseEntity<String> first = withdraw(proposal.token());
        List<String> kindsAfterFirst = kinds(proposal.id());

        ResponseEntity<String> second = withdraw(proposal.token());

        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(second, "$.status")).isEqualTo("WITHDRAWN");
        assertThat((String) read(second, "$.withdrawnAt")).isEqualTo(read(first, "$.withdrawnAt"));
        assertThat(kinds(proposal.id())).isEqualTo(kindsAfterFirst)
                .filteredOn("WITHDRAWAL_EMAIL"::equals).hasSize(1);
    }

    @Test
    void aRejectedProposalCannotBeWithdrawn() {
        Submitted proposal = submitted("Rejected, then withdrawn");
        decide(proposal.id(), "REJECTED");

        ResponseEntity<String> answer = withdraw(proposal.token());

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(isProblem(answer)).isTrue();
        assertThat((String) read(answer, "$.title")).isEqualTo("Proposal cannot be withdrawn");
        assertThat((String) read(answer, "$.code")).isEqualTo("NOT_WITHDRAWABLE");
        assertThat((String) read(answer, "$.currentStatus")).isEqualTo("REJECTED");
        assertThat(kinds(proposal.id())).doesNotContain("WITHDRAWAL_EMAIL");
    }

    @Test
    void aWithdrawnProposalCannotBeDecided() {
        Submitted proposal = submitted("Withdrawn, then decided");
        withdraw(proposal.token());

        ResponseEntity<String> answer = decide(proposal.id(), "APPROVED");

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat((String) read(answer, "$.code")).isEqualTo("ALREADY_DECIDED");
        assertThat((String) read(answer, "$.currentStatus")).isEqualTo("WITHDRAWN");
        assertThat(kinds(proposal.id())).doesNotContain("AGENDA_ENTRY", "DECISION_EMAIL");
    }

    @Test
    void organizersFindWithdrawnProposalsByTheirStatusAndNotAmongThePendingOnes() {
        Submitted proposal = submitted("Listed as withdrawn " + System.nanoTime());
        withdraw(proposal.token());

        assertThat((List<String>) read(get("/proposals?status=WITHDRAWN&size=100"), "$.items[*].id"))
                .contains(proposal.id());
        assertThat((List<String>) read(get("/proposals?status=PENDING&size=100"), "$.items[*].id"))
                .doesNotContain(proposal.id());
    }

    private record Submitted(String id, String token) {
    }

    private Submitted submitted(String title) {
        ResponseEntity<String> created = postJson("/proposals", submission(title, "speaker@example.com"));
        return new Submitted(read(created, "$.id"), read(created, "$.trackingToken"));
    }

    private ResponseEntity<String> put(String path, String token, String json) {
        return http.put().uri(path, token).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(String.class);
    }

    private ResponseEntity<String> withdraw(String token) {
        return http.post().uri("/proposals/track/{token}/withdrawal", token).retrieve().toEntity(String.class);
    }

    private static String edit(String title) {
        return "{\"title\":" + quote(title) + ",\"abstract\":\"Changed.\"}";
    }

    private List<String> kinds(String proposalId) {
        return read(get("/proposals/{id}", proposalId), "$.deliveries[*].kind");
    }

    private String deliveryOf(String proposalId, String kind) {
        List<String> statuses = read(get("/proposals/{id}", proposalId),
                "$.deliveries[?(@.kind == '" + kind + "')].status");
        return statuses.isEmpty() ? null : statuses.getFirst();
    }
}

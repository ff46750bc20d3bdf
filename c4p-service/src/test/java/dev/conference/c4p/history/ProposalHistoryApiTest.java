package dev.conference.c4p.history;

import static dev.conference.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class ProposalHistoryApiTest extends C4pIntegrationTest {

    @Test
    void theHistoryShowsEachStepWithWhoAndWhenOldestFirst() {
        ResponseEntity<String> created = postJson("/proposals", submission("History", "speaker@example.com"));
        String id = read(created, "$.id");
        String token = read(created, "$.trackingToken");
        http.put().uri("/proposals/track/{token}", token).contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\":\"History, edited\",\"abstract\":\"Better.\"}").retrieve().toBodilessEntity();
        review(id, "rita", "{\"score\":4}");
        decide(id, "APPROVED");
        eventually(Duration.ofSeconds(10), () -> types(id).contains("DELIVERED")
                && deliveredKinds(id).containsAll(List.of("RECEIVED_EMAIL", "AGENDA_ENTRY", "DECISION_EMAIL")),
                "the relay's deliveries are in the history");
        http.post().uri("/proposals/track/{token}/withdrawal", token).retrieve().toBodilessEntity();

        List<Map<String, String>> history = read(get("/proposals/{id}", id), "$.history");

        assertThat(history).extracting(entry -> entry.get("type") + " by " + entry.get("by") + ": " + entry.get("detail"))
                .containsSubsequence("SUBMITTED by Ada Lovelace: null", "EDITED by Ada Lovelace: null",
                        "REVIEWED by rita: score 4", "DECIDED by olivia: APPROVED", "WITHDRAWN by Ada Lovelace: null")
                .contains("DELIVERED by c4p-service: RECEIVED_EMAIL", "DELIVERED by c4p-service: AGENDA_ENTRY",
                        "DELIVERED by c4p-service: DECISION_EMAIL");
        List<Instant> instants = history.stream().map(entry -> Instant.parse(entry.get("at"))).toList();
        assertThat(instants).isSorted();
    }

    @Test
    void theDecisionsAnswerCarriesItsHistory() {
        String id = submit("Decided history");

        ResponseEntity<String> decided = decide(id, "REJECTED");

        assertThat((List<String>) read(decided, "$.history[*].type")).startsWith("SUBMITTED").contains("DECIDED");
        assertThat((String) read(decided, "$.history[?(@.type == 'DECIDED')].detail").toString()).contains("REJECTED");
    }

    @Test
    void aRefusedDeliveryIsInTheHistoryWithItsReason() {
        agenda.answer(409, "{\"title\":\"Agenda is full\"}");
        String id = submit("Refused history");
        decide(id, "APPROVED");

        eventually(Duration.ofSeconds(10), () -> types(id).contains("FAILED"), "the refusal is in the history");
        List<String> details = read(get("/proposals/{id}", id), "$.history[?(@.type == 'FAILED')].detail");
        assertThat(details).singleElement().asString().startsWith("AGENDA_ENTRY: ");
    }

    @Test
    void anAgendaEntryAnsweredGoneIsInTheHistoryAsNotPlacedNotAsDelivered() {
        String id = submit("Gone history");
        agenda.answer(410, "{\"title\":\"Proposal withdrawn\",\"code\":\"PROPOSAL_WITHDRAWN\"}");
        try {
            decide(id, "APPROVED");

            eventually(Duration.ofSeconds(10), () -> types(id).contains("SKIPPED"), "the skipped entry is in the history");
        } finally {
            agenda.answer(201, "{}");
        }
        List<String> details = read(get("/proposals/{id}", id), "$.history[?(@.type == 'SKIPPED')].detail");
        assertThat(details).singleElement().asString()
                .startsWith("AGENDA_ENTRY: ").contains("not placed", "the proposal was withdrawn");
        assertThat(deliveredKinds(id)).doesNotContain("AGENDA_ENTRY");
    }

    private List<String> types(String id) {
        return read(get("/proposals/{id}", id), "$.history[*].type");
    }

    private List<String> deliveredKinds(String id) {
        return read(get("/proposals/{id}", id), "$.history[?(@.type == 'DELIVERED')].detail");
    }
}

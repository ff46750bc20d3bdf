package dev.conference.c4p.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A bad bulk decision is a 400 problem, and decides nothing, not even the proposals it names rightly. */
class BulkDecisionBadInputTest extends C4pIntegrationTest {

    static Stream<Arguments> badBulks() {
        return Stream.of(
                Arguments.of("no proposals", "[]", "APPROVED", "proposalIds"),
                Arguments.of("101 proposals", ids(100), "APPROVED", "proposalIds"),
                Arguments.of("a duplicate", "[\"%1$s\",\"%1$s\"]", "APPROVED", "proposalIds"),
                Arguments.of("a decision of PENDING", "[\"%1$s\"]", "PENDING", "decision"),
                Arguments.of("a lower-case decision", "[\"%1$s\"]", "approved", "decision"),
                Arguments.of("a missing id", "[\"%1$s\",null]", "APPROVED", "proposalIds"),
                Arguments.of("an id that is not a UUID", "[\"%1$s\",\"nope\"]", "APPROVED", null),
                Arguments.of("ids not in a list", "\"%1$s\"", "APPROVED", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBulks")
    void badBulkDecisionIsRefusedAndDecidesNothing(String what, String idsTemplate, String decision, String field) {
        String id = submit("Not decided in bulk");
        String body = "{\"proposalIds\":" + idsTemplate.formatted(id) + ",\"decision\":\"" + decision + "\"}";

        ResponseEntity<String> answer = post(body);

        assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
        assertThat(isProblem(answer)).as(what + " is problem+json").isTrue();
        if (field != null) {
            assertThat(read(answer, "$.errors[*].field").toString()).as(what).contains(field);
        }
        assertThat((String) read(get("/proposals/{id}", id), "$.status")).as(what).isEqualTo("PENDING");
    }

    @Test
    void aMissingDecisionIsRefused() {
        ResponseEntity<String> answer = post("{\"proposalIds\":[\"" + UUID.randomUUID() + "\"]}");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat((List<String>) read(answer, "$.errors[*].field")).containsExactly("decision");
    }

    @Test
    void aBulkDecisionWithoutTheOrganizerIsRefused() {
        ResponseEntity<String> answer = http.post().uri("/decisions").contentType(MediaType.APPLICATION_JSON)
                .body("{\"proposalIds\":[\"" + UUID.randomUUID() + "\"],\"decision\":\"APPROVED\"}")
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
    }

    @Test
    void aHundredProposalsAreAccepted() {
        String id = submit("One of a hundred");
        String body = "{\"proposalIds\":" + ids(99).replace("%1$s", id) + ",\"decision\":\"REJECTED\"}";

        ResponseEntity<String> answer = post(body);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat((List<Integer>) read(answer, "$.results[*].status")).hasSize(100).containsOnlyOnce(200);
    }

    /** {@code %1$s} and {@code others} random ids, as a JSON list. */
    private static String ids(int others) {
        return Stream.concat(Stream.of("%1$s"), IntStream.range(0, others).mapToObj(i -> UUID.randomUUID().toString()))
                .map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private ResponseEntity<String> post(String body) {
        return http.post().uri("/decisions").contentType(MediaType.APPLICATION_JSON).header("X-Organizer", "olivia")
                .body(body).retrieve().toEntity(String.class);
    }
}

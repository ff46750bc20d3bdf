package dev.conference.platform;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A workshop's whole life across the real services: submitted, edited by its speaker, approved onto two consecutive
 * slots, starred into an attendee's schedule, then withdrawn: the agenda, the schedule's calendar feed, the speaker's
 * inbox and the organizers' list all follow.
 */
class SpeakerWithdrawalJourneyTest extends PlatformTest {

    @Test
    void anApprovedWorkshopWithdrawnByItsSpeakerLeavesTheAgendaTheFeedAndTheReviewList() throws Exception {
        String speaker = newSpeakerEmail();
        ResponseEntity<String> created = c4p.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON).body("""
                {"title":"Build an outbox","abstract":"Two hours, one laptop.","speakerName":"Grace Hopper",
                 "speakerEmail":"%s","format":"WORKSHOP"}
                """.formatted(speaker)).retrieve().toEntity(String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String id = JsonPath.read(created.getBody(), "$.id");
        String token = JsonPath.read(created.getBody(), "$.trackingToken");

        ResponseEntity<String> edited = c4p.put().uri("/proposals/track/{token}", token).contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"title":"Build a transactional outbox","abstract":"Two hours, one laptop.","format":"WORKSHOP",
                         "level":"BEGINNER","speakerBio":"Grace ships outboxes."}
                        """).retrieve().toEntity(String.class);
        assertThat(edited.getStatusCode().value()).as(edited.getBody()).isEqualTo(200);

        makeRoomOnTheAgenda(2);
        assertThat(decide(id, "APPROVED").getStatusCode().value()).isEqualTo(200);
        eventually(Duration.ofSeconds(20), () -> agendaItemIdsFor(id).size() == 1, "the workshop is on the agenda");
        String itemId = agendaItemIdsFor(id).getFirst();
        String item = agenda.get().uri("/agenda-items/{id}", itemId).retrieve().body(String.class);
        assertThat((String) JsonPath.read(item, "$.title")).isEqualTo("Build a transactional outbox");
        assertThat((String) JsonPath.read(item, "$.format")).isEqualTo("WORKSHOP");
        assertThat((String) JsonPath.read(item, "$.level")).isEqualTo("BEGINNER");
        List<String> held = slotsTakenBy(itemId);
        assertThat(held).as("a workshop holds two consecutive slots of its room").hasSize(2)
                .allMatch(slot -> slot.startsWith(JsonPath.read(item, "$.day") + " " + JsonPath.read(item, "$.room") + " "));
        assertThat(held.getFirst()).contains(" " + JsonPath.read(item, "$.startTime") + "-");
        assertThat(held.getLast()).endsWith("-" + JsonPath.read(item, "$.endTime"));

        String schedule = JsonPath.read(agenda.post().uri("/schedules").retrieve().body(String.class), "$.token");
        assertThat(agenda.put().uri("/schedules/{token}/talks/{id}", schedule, itemId).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(204);
        assertThat(feed(schedule)).contains("UID:" + itemId, "CATEGORIES:WORKSHOP");

        ResponseEntity<String> withdrawn = c4p.post().uri("/proposals/track/{token}/withdrawal", token).retrieve()
                .toEntity(String.class);
        assertThat(withdrawn.getStatusCode().value()).as(withdrawn.getBody()).isEqualTo(200);
        assertThat((String) JsonPath.read(withdrawn.getBody(), "$.status")).isEqualTo("WITHDRAWN");

        eventually(Duration.ofSeconds(20), () -> allDelivered(id), "the removal and the email delivered");
        assertThat(agendaItemIdsFor(id)).as("off the agenda").isEmpty();
        assertThat(feed(schedule)).as("the feed drops the withdrawn talk").doesNotContain(itemId);
        assertThat(platform.smtp.subjectsTo(speaker)).hasSize(3)
                .anyMatch(s -> s.contains("received")).anyMatch(s -> s.contains("accepted")).anyMatch(s -> s.contains("withdrawn"));
        assertThat(listed("WITHDRAWN")).contains(id);
        assertThat(listed("APPROVED")).doesNotContain(id);

        assertThat(decide(id, "REJECTED").getStatusCode().value()).as("no decision on a withdrawn proposal").isEqualTo(409);
    }

    /** The grid slots agenda-service shows as held by the item, as "day room start-end". */
    private List<String> slotsTakenBy(String itemId) {
        List<java.util.Map<String, Object>> held = JsonPath.read(agenda.get().uri("/slots").retrieve().body(String.class),
                "$[?(@.itemId == '" + itemId + "')]");
        return held.stream().map(s -> s.get("day") + " " + s.get("room") + " " + s.get("startTime") + "-" + s.get("endTime"))
                .toList();
    }

    private String feed(String schedule) {
        return agenda.get().uri("/schedules/{token}.ics", schedule).retrieve().body(String.class);
    }

    private List<String> listed(String status) {
        return JsonPath.read(c4p.get().uri("/proposals?status={status}&size=100", status).retrieve().body(String.class),
                "$.items[*].id");
    }
}

package dev.conference.platform;

import static dev.conference.testsupport.Eventually.eventually;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Base of the tests across services: talks to c4p-service and agenda-service as their callers do. */
public abstract class PlatformTest {

    protected final Platform platform = Platform.get();
    protected RestClient c4p;
    protected RestClient agenda;

    @BeforeEach
    protected void clients() {
        c4p = client(platform.c4p.url());
        agenda = client(platform.agenda.url());
    }

    private static RestClient client(String url) {
        return RestClient.builder().baseUrl(url).defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected static String newSpeakerEmail() {
        return "speaker-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Submits a proposal and returns its id. */
    protected String submit(String title, String speakerEmail) {
        ResponseEntity<String> created = c4p.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"title":"%s","abstract":"What we learned.","speakerName":"Grace Hopper","speakerEmail":"%s"}
                        """.formatted(title, speakerEmail))
                .retrieve().toEntity(String.class);
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("submission failed: " + created);
        }
        return JsonPath.read(created.getBody(), "$.id");
    }

    protected ResponseEntity<String> decide(String proposalId, String decision) {
        return c4p.post().uri("/proposals/{id}/decision", proposalId).contentType(MediaType.APPLICATION_JSON)
                .header("X-Organizer", "olivia").body("{\"decision\":\"" + decision + "\"}")
                .retrieve().toEntity(String.class);
    }

    protected List<String> agendaItemIdsFor(String proposalId) {
        String items = agenda.get().uri("/agenda-items?proposalId={id}", proposalId).retrieve().body(String.class);
        return JsonPath.read(items, "$[*].id");
    }

    protected <T> T deliveryOf(String proposalId, String kind, String field) {
        String proposal = c4p.get().uri("/proposals/{id}", proposalId).retrieve().body(String.class);
        List<T> values = JsonPath.read(proposal, "$.deliveries[?(@.kind == '" + kind + "')]." + field);
        return values.isEmpty() ? null : values.getFirst();
    }

    /**
     * Makes sure a talk ({@code slots} 1) or a workshop (2) fits: when no room has that many consecutive free slots on a
     * day (earlier tests share the small grid and leave their talks on it), the items holding the first slots of the
     * last room on the last day are taken off the agenda. Tests run one after another, so none still needs them.
     */
    protected void makeRoomOnTheAgenda(int slotsInARow) {
        List<Map<String, Object>> slots = JsonPath.read(agenda.get().uri("/slots").retrieve().body(String.class), "$");
        Map<String, List<Map<String, Object>>> byDayAndRoom = new TreeMap<>();
        for (Map<String, Object> slot : slots) {
            byDayAndRoom.computeIfAbsent(slot.get("day") + "|" + slot.get("room"), key -> new ArrayList<>()).add(slot);
        }
        List<Map<String, Object>> last = null;
        for (List<Map<String, Object>> row : byDayAndRoom.values()) {
            row.sort(Comparator.comparing(slot -> (String) slot.get("startTime")));
            int free = 0;
            for (Map<String, Object> slot : row) {
                free = slot.get("itemId") == null ? free + 1 : 0;
                if (free == slotsInARow) {
                    return;
                }
            }
            last = row;
        }
        for (Map<String, Object> slot : last.subList(0, slotsInARow)) {
            if (slot.get("itemId") != null) {
                agenda.delete().uri("/agenda-items/{id}", slot.get("itemId")).retrieve().toBodilessEntity();
            }
        }
    }

    /** Every outbox event of the proposal is DELIVERED: the relay will send none of them again. */
    protected boolean allDelivered(String proposalId) {
        String proposal = c4p.get().uri("/proposals/{id}", proposalId).retrieve().body(String.class);
        List<String> statuses = JsonPath.read(proposal, "$.deliveries[*].status");
        return !statuses.isEmpty() && statuses.stream().allMatch("DELIVERED"::equals);
    }

}

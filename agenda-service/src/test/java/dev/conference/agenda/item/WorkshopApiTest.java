package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Workshops over HTTP against a real Redis, on the default grid (3 days; 09:00, 10:00, 11:00, 13:30,
 * 14:30, 15:30; Main Hall, Room A, Room B): two consecutive slots of one room, claimed, moved and
 * freed together.
 */
class WorkshopApiTest extends AgendaServiceTest {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aWorkshopTakesTheFirstTwoConsecutiveSlotsOfOneRoomAndEndsWithTheSecond() {
        Response created = api.createItem(workshop("Hands on records", Map.of("level", "BEGINNER",
                "speakerBio", "Ada wrote the first program.")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode item = created.json();
        assertThat(placeOf(item)).isEqualTo("2027-05-12 09:00-10:45 Main Hall");
        assertThat(item.get("format").asString()).isEqualTo("WORKSHOP");
        assertThat(item.get("level").asString()).isEqualTo("BEGINNER");
        assertThat(item.get("speakerBio").asString()).isEqualTo("Ada wrote the first program.");
        assertThat(api.get("/agenda-items/" + id(item)).json()).isEqualTo(item);
        assertThat(takenSlots()).containsExactly("2027-05-12 09:00 Main Hall " + id(item),
                "2027-05-12 10:00 Main Hall " + id(item));
    }

    @Test
    void aTalkWithoutFormatIsATalkWithoutLevelOrBio() {
        JsonNode item = api.createItem(UUID.randomUUID().toString(), "Plain").json();

        assertThat(item.get("format").asString()).isEqualTo("TALK");
        assertThat(item.has("level")).isTrue();
        assertThat(item.get("level").isNull()).isTrue();
        assertThat(item.get("speakerBio").isNull()).isTrue();
        assertThat(placeOf(item)).isEqualTo("2027-05-12 09:00-09:45 Main Hall");
    }

    @Test
    void aBlankSpeakerBioIsNone() {
        JsonNode item = api.createItem(talk("Quiet speaker", Map.of("speakerBio", "  \n "))).json();

        assertThat(item.get("speakerBio").isNull()).isTrue();
    }

    @Test
    void aWorkshopSkipsRoomsWhoseNextSlotIsTaken() {
        String talk = id(api.createItem(UUID.randomUUID().toString(), "In the way").json());
        move(talk, "2027-05-12", "10:00", "Main Hall");

        JsonNode workshop = api.createItem(workshop("Skips Main Hall", Map.of())).json();

        assertThat(placeOf(workshop)).isEqualTo("2027-05-12 09:00-10:45 Room A");
    }

    @Test
    void aWorkshopMaySpanTheBreakBetweenAdjacentSlots() {
        // every room's 09:00 and 10:00 of the first day taken by workshops leaves 11:00 + 13:30 next
        for (int i = 0; i < 3; i++) {
            api.createItem(workshop("Morning " + i, Map.of()));
        }

        JsonNode afterTheBreak = api.createItem(workshop("Over lunch", Map.of())).json();

        assertThat(placeOf(afterTheBreak)).isEqualTo("2027-05-12 11:00-14:15 Main Hall");
    }

    @Test
    void aTalkNeverLandsInAWorkshopsSecondSlot() {
        String workshop = id(api.createItem(workshop("Two slots", Map.of())).json());

        List<String> talks = List.of(
                placeOf(api.createItem(UUID.randomUUID().toString(), "Talk 1").json()),
                placeOf(api.createItem(UUID.randomUUID().toString(), "Talk 2").json()),
                placeOf(api.createItem(UUID.randomUUID().toString(), "Talk 3").json()));

        assertThat(talks).containsExactly("2027-05-12 09:00-09:45 Room A", "2027-05-12 09:00-09:45 Room B",
                "2027-05-12 10:00-10:45 Room A");
        assertThat(takenSlots()).contains("2027-05-12 10:00 Main Hall " + workshop);
    }

    @Test
    void freeSlotsDoNotShowAWorkshopsSecondSlot() {
        api.createItem(workshop("Two slots", Map.of()));

        assertThat(api.get("/slots?free=true").json()).hasSize(52)
                .noneSatisfy(slot -> assertThat(slot.get("day").asString() + " " + slot.get("startTime").asString()
                        + " " + slot.get("room").asString()).isIn("2027-05-12 09:00 Main Hall", "2027-05-12 10:00 Main Hall"));
    }

    @Test
    void movingAWorkshopMovesBothSlots() {
        String workshop = id(api.createItem(workshop("Mover", Map.of("level", "ADVANCED"))).json());

        Response moved = move(workshop, "2027-05-13", "14:30", "Room B");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(placeOf(moved.json())).isEqualTo("2027-05-13 14:30-16:15 Room B");
        assertThat(moved.json().get("format").asString()).isEqualTo("WORKSHOP");
        assertThat(moved.json().get("level").asString()).isEqualTo("ADVANCED");
        assertThat(takenSlots()).containsExactly("2027-05-13 14:30 Room B " + workshop,
                "2027-05-13 15:30 Room B " + workshop);
        assertThat(placeOf(api.createItem(workshop("Takes the freed pair", Map.of())).json()))
                .isEqualTo("2027-05-12 09:00-10:45 Main Hall");
    }

    @Test
    void aWorkshopMayMoveOntoItsOwnSecondSlot() {
        String workshop = id(api.createItem(workshop("Later by one", Map.of())).json());

        Response moved = move(workshop, "2027-05-12", "10:00", "Main Hall");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(placeOf(moved.json())).isEqualTo("2027-05-12 10:00-11:45 Main Hall");
        assertThat(takenSlots()).containsExactly("2027-05-12 10:00 Main Hall " + workshop,
                "2027-05-12 11:00 Main Hall " + workshop);
    }

    @Test
    void movingAWorkshopWhereItsSecondSlotIsTakenIsRefusedAndChangesNothing() {
        JsonNode workshop = api.createItem(workshop("Stays", Map.of())).json();
        String talk = id(api.createItem(UUID.randomUUID().toString(), "Holder").json());
        move(talk, "2027-05-13", "10:00", "Room A");

        Response refused = move(id(workshop), "2027-05-13", "09:00", "Room A");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("code").asString()).isEqualTo("SLOT_TAKEN");
        assertThat(refused.json().get("detail").asString()).isEqualTo("Another talk is in Room A on 2027-05-13 at 10:00.");
        assertThat(api.get("/agenda-items/" + id(workshop)).json()).isEqualTo(workshop);
        assertThat(takenSlots()).containsExactly("2027-05-12 09:00 Main Hall " + id(workshop),
                "2027-05-12 10:00 Main Hall " + id(workshop), "2027-05-13 10:00 Room A " + talk);
    }

    @Test
    void aWorkshopCannotStartInTheDaysLastSlot() {
        JsonNode workshop = api.createItem(workshop("Too late", Map.of())).json();

        Response refused = move(id(workshop), "2027-05-12", "15:30", "Room B");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("SLOT_TAKEN");
        assertThat(refused.json().get("detail").asString())
                .isEqualTo("A workshop takes two consecutive time slots, and 15:30 is the last time slot of 2027-05-12.");
        assertThat(api.get("/agenda-items/" + id(workshop)).json()).isEqualTo(workshop);
    }

    @Test
    void aTalkCannotMoveIntoAWorkshopsSecondSlot() {
        String workshop = id(api.createItem(workshop("Holds two", Map.of())).json());
        JsonNode talk = api.createItem(UUID.randomUUID().toString(), "Mover").json();

        Response refused = move(id(talk), "2027-05-12", "10:00", "Main Hall");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("SLOT_TAKEN");
        assertThat(api.get("/agenda-items/" + id(talk)).json()).isEqualTo(talk);
        assertThat(takenSlots()).contains("2027-05-12 10:00 Main Hall " + workshop);
    }

    @Test
    void deletingAWorkshopFreesBothSlots() {
        String workshop = id(api.createItem(workshop("Cancelled", Map.of())).json());

        assertThat(api.delete("/agenda-items/" + workshop).status()).isEqualTo(204);

        assertThat(takenSlots()).isEmpty();
        assertThat(placeOf(api.createItem(workshop("Takes its place", Map.of())).json()))
                .isEqualTo("2027-05-12 09:00-10:45 Main Hall");
    }

    @Test
    void anUnknownFormatOrLevelAndAnOverlongBioAreRefused() {
        Response format = api.createItem(talk("Panel", Map.of("format", "PANEL")));
        Response level = api.createItem(talk("Expert", Map.of("level", "EXPERT")));
        Response bio = api.createItem(talk("Long bio", Map.of("speakerBio", "x".repeat(1001))));

        assertThat(List.of(format, level, bio)).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        });
        assertThat(bio.json().get("errors").findValuesAsString("field")).containsExactly("speakerBio");
        assertThat(api.createItem(talk("Long enough", Map.of("speakerBio", "x".repeat(1000)))).status()).isEqualTo(201);
    }

    private static Map<String, Object> workshop(String title, Map<String, String> more) {
        Map<String, Object> body = talk(title, more);
        body.put("format", "WORKSHOP");
        return body;
    }

    private static Map<String, Object> talk(String title, Map<String, String> more) {
        Map<String, Object> body = new HashMap<>(Map.of("proposalId", UUID.randomUUID().toString(), "title", title,
                "abstract", "About " + title, "speakerName", "Speaker of " + title));
        body.putAll(more);
        return body;
    }

    private Response move(String id, String day, String startTime, String room) {
        return api.send("PUT", "/agenda-items/" + id + "/slot", "application/json",
                HttpApi.json(Map.of("day", day, "startTime", startTime, "room", room)));
    }

    /**
     * The taken slots as {@code /slots} shows them, in grid order, with the item in each; checked to be
     * exactly the slots claimed in Redis.
     */
    private List<String> takenSlots() {
        List<String> shown = api.get("/slots").json().valueStream()
                .filter(slot -> !slot.get("itemId").isNull())
                .map(slot -> slot.get("day").asString() + " " + slot.get("startTime").asString() + " "
                        + slot.get("room").asString() + " " + slot.get("itemId").asString())
                .toList();
        List<String> claimed = redis.<String, String>opsForHash().entries(REDIS.keyPrefix() + "slots").entrySet().stream()
                .map(claim -> claim.getKey().replace('|', ' ') + " " + claim.getValue())
                .sorted()
                .toList();
        assertThat(claimed).as("slots claimed in Redis").isEqualTo(shown);
        return shown;
    }

    private static String id(JsonNode item) {
        return item.get("id").asString();
    }

    private static String placeOf(JsonNode item) {
        return item.get("day").asString() + " " + item.get("startTime").asString() + "-"
                + item.get("endTime").asString() + " " + item.get("room").asString();
    }
}

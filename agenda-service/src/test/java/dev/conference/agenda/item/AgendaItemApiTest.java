package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** The agenda API over HTTP against a real Redis, on the default grid (3 days, 6 slots, 3 rooms). */
class AgendaItemApiTest extends AgendaServiceTest {

    @Test
    void creatingPutsTheTalkInTheFirstSlotAndAnswersWithItsLocation() {
        String proposalId = UUID.randomUUID().toString();

        Response created = api.createItem(Map.of("proposalId", proposalId, "title", "Records in depth",
                "abstract", "All about records.", "speakerName", "Ada"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode item = created.json();
        assertThat(created.header("Location")).isEqualTo("/agenda-items/" + item.get("id").asString());
        assertThat(item.get("proposalId").asString()).isEqualTo(proposalId);
        assertThat(item.get("title").asString()).isEqualTo("Records in depth");
        assertThat(item.get("abstract").asString()).isEqualTo("All about records.");
        assertThat(item.get("speakerName").asString()).isEqualTo("Ada");
        assertThat(slotOf(item)).isEqualTo("2027-05-12 09:00-09:45 Main Hall");
        assertThat(api.get(created.header("Location")).json()).isEqualTo(item);
    }

    @Test
    void theNextProposalTakesTheNextRoomThenTheNextSlot() {
        List<String> slots = IntStream.range(0, 4)
                .mapToObj(i -> slotOf(api.createItem(UUID.randomUUID().toString(), "Talk " + i).json()))
                .toList();

        assertThat(slots).containsExactly(
                "2027-05-12 09:00-09:45 Main Hall",
                "2027-05-12 09:00-09:45 Room A",
                "2027-05-12 09:00-09:45 Room B",
                "2027-05-12 10:00-10:45 Main Hall");
    }

    @Test
    void creatingTwiceForOneProposalReturnsTheSameItem() {
        String proposalId = UUID.randomUUID().toString();
        Response first = api.createItem(proposalId, "Once only");

        Response second = api.send("POST", "/agenda-items", "application/json",
                BodyPublishers.ofString(HttpApi.json(Map.of("proposalId", proposalId, "title", "A changed title",
                        "abstract", "Changed", "speakerName", "Someone else"))),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(api.get("/agenda-items?proposalId=" + proposalId).json()).hasSize(1);
        assertThat(api.get("/agenda-items").json()).hasSize(1);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void placingIsLoggedOnceWithTheProposalAndARepeatIsNot(CapturedOutput output) {
        String proposalId = UUID.randomUUID().toString();

        api.createItem(proposalId, "Logged once");
        api.createItem(proposalId, "Logged once");

        assertThat(output.getOut().lines().filter(line -> line.contains(proposalId))).singleElement()
                .satisfies(line -> assertThat(line).contains("INFO", "Agenda entry placed for proposal " + proposalId));
    }

    @Test
    void listIsOrderedByDayStartTimeAndRoomAndFiltersByDay() {
        String late = id(api.createItem(UUID.randomUUID().toString(), "Late"));
        String early = id(api.createItem(UUID.randomUUID().toString(), "Early"));
        String middle = id(api.createItem(UUID.randomUUID().toString(), "Middle"));
        String sameSlotFirstRoom = id(api.createItem(UUID.randomUUID().toString(), "Same slot, first room"));
        move(late, "2027-05-14", "15:30", "Main Hall");
        move(early, "2027-05-12", "11:00", "Room B");
        move(middle, "2027-05-13", "09:00", "Room B");
        move(sameSlotFirstRoom, "2027-05-13", "09:00", "Room A");

        assertThat(ids(api.get("/agenda-items"))).containsExactly(early, sameSlotFirstRoom, middle, late);
        assertThat(ids(api.get("/agenda-items?day=2027-05-13"))).containsExactly(sameSlotFirstRoom, middle);
        assertThat(ids(api.get("/agenda-items?day=2027-05-14"))).containsExactly(late);
    }

    @Test
    void aDayOutsideTheGridHasNoAgenda() {
        Response outside = api.get("/agenda-items?day=2027-05-20");

        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.json().get("title").asString()).isEqualTo("No such conference day");
        assertThat(outside.json().get("detail").asString()).contains("2027-05-12", "2027-05-14");
    }

    @Test
    void listFiltersByProposal() {
        String proposalId = UUID.randomUUID().toString();
        String wanted = id(api.createItem(proposalId, "Wanted"));
        api.createItem(UUID.randomUUID().toString(), "Other");

        assertThat(ids(api.get("/agenda-items?proposalId=" + proposalId))).containsExactly(wanted);
        assertThat(ids(api.get("/agenda-items?proposalId=" + UUID.randomUUID()))).isEmpty();
    }

    @Test
    void anEmptyAgendaIsAnEmptyList() {
        Response list = api.get("/agenda-items");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("application/json");
        assertThat(list.json()).isEmpty();
    }

    @Test
    void gettingAnUnknownItemAnswers404Problem() {
        Response missing = api.get("/agenda-items/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
        assertThat(missing.json().get("title").asString()).isEqualTo("Agenda item not found");
    }

    @Test
    void movingToAFreeSlotUpdatesTheItemAndFreesTheOldSlot() {
        String id = id(api.createItem(UUID.randomUUID().toString(), "Mover"));

        Response moved = move(id, "2027-05-13", "14:30", "Room A");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(slotOf(moved.json())).isEqualTo("2027-05-13 14:30-15:15 Room A");
        assertThat(slotOf(api.get("/agenda-items/" + id).json())).isEqualTo("2027-05-13 14:30-15:15 Room A");
        String next = id(api.createItem(UUID.randomUUID().toString(), "Takes the freed first slot"));
        assertThat(slotOf(api.get("/agenda-items/" + next).json())).isEqualTo("2027-05-12 09:00-09:45 Main Hall");
    }

    @Test
    void movingToItsOwnSlotIsHarmless() {
        JsonNode item = api.createItem(UUID.randomUUID().toString(), "Stays").json();

        Response moved = move(item.get("id").asString(), "2027-05-12", "09:00", "Main Hall");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json()).isEqualTo(item);
        assertThat(freeSlots()).hasSize(53);
    }

    @Test
    void movingIntoATakenSlotAnswers409SlotTakenAndChangesNothing() {
        JsonNode holder = api.createItem(UUID.randomUUID().toString(), "Holder").json();
        JsonNode mover = api.createItem(UUID.randomUUID().toString(), "Mover").json();

        Response refused = move(mover.get("id").asString(), "2027-05-12", "09:00", "Main Hall");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("code").asString()).isEqualTo("SLOT_TAKEN");
        assertThat(api.get("/agenda-items/" + mover.get("id").asString()).json()).isEqualTo(mover);
        assertThat(api.get("/agenda-items/" + holder.get("id").asString()).json()).isEqualTo(holder);
    }

    @Test
    void movingOutsideTheGridAnswers400NamingEachWrongField() {
        String id = id(api.createItem(UUID.randomUUID().toString(), "Mover"));

        Response refused = move(id, "2027-06-01", "09:15", "Broom Closet");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("day", "startTime", "room");
        assertThat(move(id, "2027-05-12", "09:00", "Broom Closet").json().get("errors").findValuesAsString("field"))
                .containsExactly("room");
    }

    @Test
    void movingAnUnknownItemAnswers404() {
        Response missing = move(UUID.randomUUID().toString(), "2027-05-12", "09:00", "Main Hall");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
        assertThat(freeSlots()).hasSize(54);
    }

    @Test
    void deletingFreesTheSlotAndTheProposal() {
        String proposalId = UUID.randomUUID().toString();
        String id = id(api.createItem(proposalId, "Withdrawn"));

        Response deleted = api.delete("/agenda-items/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/agenda-items/" + id).status()).isEqualTo(404);
        assertThat(freeSlots()).hasSize(54);
        Response again = api.createItem(proposalId, "Back again");
        assertThat(again.status()).isEqualTo(201);
        assertThat(id(again)).isNotEqualTo(id);
        assertThat(slotOf(again.json())).isEqualTo("2027-05-12 09:00-09:45 Main Hall");
    }

    @Test
    void deletingAnUnknownItemAnswers404() {
        Response missing = api.delete("/agenda-items/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    @Test
    void slotsListTheWholeGridInOrderWithTheItemInEach() {
        String id = id(api.createItem(UUID.randomUUID().toString(), "Placed"));

        JsonNode slots = api.get("/slots").json();

        assertThat(slots).hasSize(54);
        JsonNode first = slots.get(0);
        assertThat(first.get("day").asString()).isEqualTo("2027-05-12");
        assertThat(first.get("startTime").asString()).isEqualTo("09:00");
        assertThat(first.get("endTime").asString()).isEqualTo("09:45");
        assertThat(first.get("room").asString()).isEqualTo("Main Hall");
        assertThat(first.get("itemId").asString()).isEqualTo(id);
        assertThat(slots.get(1).get("room").asString()).isEqualTo("Room A");
        assertThat(slots.get(1).has("itemId")).isTrue();
        assertThat(slots.get(1).get("itemId").isNull()).isTrue();
        assertThat(slots.get(53).get("day").asString()).isEqualTo("2027-05-14");
        assertThat(slots.get(53).get("startTime").asString()).isEqualTo("15:30");
        assertThat(slots.get(53).get("room").asString()).isEqualTo("Room B");
    }

    @Test
    void freeSlotsLeaveOutTheTakenOnes() {
        String id = id(api.createItem(UUID.randomUUID().toString(), "Placed"));
        move(id, "2027-05-13", "10:00", "Room A");

        JsonNode free = freeSlots();

        assertThat(free).hasSize(53);
        assertThat(free).allSatisfy(slot -> assertThat(slot.get("itemId").isNull()).isTrue());
        assertThat(free).noneSatisfy(slot -> assertThat(slot.get("day").asString() + " "
                + slot.get("startTime").asString() + " " + slot.get("room").asString())
                .isEqualTo("2027-05-13 10:00 Room A"));
    }

    @Test
    void calendarExportServesTheAgendaAsTextCalendar() {
        String id = id(api.createItem(UUID.randomUUID().toString(), "In your calendar"));

        Response calendar = api.get("/agenda-items.ics");

        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.contentType()).isEqualToIgnoringCase("text/calendar;charset=UTF-8");
        assertThat(calendar.body()).startsWith("BEGIN:VCALENDAR\r\n")
                .contains("UID:" + id + "@conference-platform\r\n")
                .contains("SUMMARY:In your calendar\r\n")
                .contains("DTSTART:20270512T070000Z\r\n");
    }

    private Response move(String id, String day, String startTime, String room) {
        return api.send("PUT", "/agenda-items/" + id + "/slot", "application/json",
                HttpApi.json(Map.of("day", day, "startTime", startTime, "room", room)));
    }

    private JsonNode freeSlots() {
        return api.get("/slots?free=true").json();
    }

    private static String id(Response created) {
        return created.json().get("id").asString();
    }

    private static List<String> ids(Response list) {
        return list.json().findValuesAsString("id");
    }

    private static String slotOf(JsonNode item) {
        return item.get("day").asString() + " " + item.get("startTime").asString() + "-"
                + item.get("endTime").asString() + " " + item.get("room").asString();
    }
}

package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Many callers at once on a small grid: 2 days x 3 slots (09:00, 10:00, 11:00) x 5 rooms = 30 slots. */
@TestPropertySource(properties = {
        "agenda.grid.days=2027-05-12,2027-05-13",
        "agenda.grid.slots=09:00-09:45,10:00-10:45,11:00-11:45",
        "agenda.grid.rooms=Main Hall,Room A,Room B,Room C,Room D"})
class ConcurrentCreationTest extends AgendaServiceTest {

    @Autowired
    StringRedisTemplate redis;

    private static final int CAPACITY = 30;

    @Test
    void fiftyConcurrentCreationsFillEverySlotOnceAndRefuseTheRestAsFull() throws Exception {
        List<Response> responses = concurrently(50, i -> api.createItem(UUID.randomUUID().toString(), "Talk " + i));

        List<Response> created = responses.stream().filter(response -> response.status() == 201).toList();
        List<Response> refused = responses.stream().filter(response -> response.status() != 201).toList();
        assertThat(created).hasSize(CAPACITY);
        assertThat(refused).hasSize(50 - CAPACITY).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.json().get("code").asString()).isEqualTo("AGENDA_FULL");
            assertThat(response.json().get("title").asString()).isEqualTo("Agenda is full");
            assertThat(response.json().get("detail").asString()).contains("All 30 slots");
        });
        JsonNode items = api.get("/agenda-items").json();
        assertThat(items).hasSize(CAPACITY);
        assertThat(items.valueStream().map(ConcurrentCreationTest::place).distinct()).hasSize(CAPACITY);
        assertThat(api.get("/slots?free=true").json()).isEmpty();
    }

    @Test
    void concurrentCreationsForOneProposalMakeOneItem() throws Exception {
        String proposalId = UUID.randomUUID().toString();

        List<Response> responses = concurrently(10, i -> api.createItem(proposalId, "Approved twice over"));

        assertThat(responses).extracting(Response::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(responses.stream().map(response -> response.json().get("id").asString()).distinct()).hasSize(1);
        assertThat(api.get("/agenda-items").json()).hasSize(1);
        assertThat(api.get("/slots?free=true").json()).hasSize(CAPACITY - 1);
    }

    @Test
    void concurrentTalksAndWorkshopsNeverShareASlot() throws Exception {
        List<Response> responses = concurrently(40, i -> api.createItem(Map.of("proposalId", UUID.randomUUID().toString(),
                "title", "Session " + i, "abstract", "About " + i, "speakerName", "Speaker " + i,
                "format", i % 2 == 0 ? "WORKSHOP" : "TALK")));

        List<JsonNode> created = responses.stream().filter(response -> response.status() == 201).map(Response::json).toList();
        assertThat(responses).filteredOn(response -> response.status() != 201).allSatisfy(refused -> {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asString()).isEqualTo("AGENDA_FULL");
        });
        List<String> occupied = created.stream().flatMap(item -> slotsOf(item).stream()).toList();
        assertThat(occupied).doesNotHaveDuplicates();
        assertThat(created).filteredOn(item -> item.get("format").asString().equals("WORKSHOP"))
                .isNotEmpty()
                .allSatisfy(workshop -> assertThat(workshop.get("startTime").asString() + "-"
                        + workshop.get("endTime").asString()).isIn("09:00-10:45", "10:00-11:45"));
        Map<String, String> claimed = redis.<String, String>opsForHash().entries(REDIS.keyPrefix() + "slots");
        assertThat(claimed.keySet()).containsExactlyInAnyOrderElementsOf(occupied);
        List<String> free = api.get("/slots?free=true").json().valueStream().map(ConcurrentCreationTest::place).toList();
        assertThat(free).hasSize(CAPACITY - occupied.size());
        boolean aWorkshopWasRefused = responses.stream().filter(response -> response.status() == 409)
                .anyMatch(response -> response.json().get("detail").asString().contains("workshop"));
        if (aWorkshopWasRefused) {
            assertThat(free).as("no free pair left once a workshop was refused")
                    .noneSatisfy(slot -> assertThat(free).contains(next(slot)));
        }
    }

    @Test
    void aWorkshopIsRefusedAsFullWhenNoTwoConsecutiveSlotsAreFreeButATalkStillFits() throws Exception {
        List<JsonNode> talks = concurrently(CAPACITY, i -> api.createItem(UUID.randomUUID().toString(), "Talk " + i))
                .stream().map(Response::json).toList();
        talks.stream()
                .filter(talk -> talk.get("day").asString().equals("2027-05-12")
                        && !talk.get("startTime").asString().equals("10:00"))
                .forEach(talk -> api.delete("/agenda-items/" + talk.get("id").asString()));

        Response workshop = api.createItem(Map.of("proposalId", UUID.randomUUID().toString(), "title", "Needs two",
                "abstract", "Two slots.", "speakerName", "Ada", "format", "WORKSHOP"));

        assertThat(workshop.status()).isEqualTo(409);
        assertThat(workshop.json().get("code").asString()).isEqualTo("AGENDA_FULL");
        assertThat(workshop.json().get("detail").asString())
                .isEqualTo("No two consecutive time slots of one room are both free for a workshop.");
        assertThat(api.get("/slots?free=true").json()).hasSize(10);
        assertThat(api.createItem(UUID.randomUUID().toString(), "Fits").status()).isEqualTo(201);
    }

    /** The grid slots an item holds, as Redis keys them: a workshop's start and the slot after it. */
    private static List<String> slotsOf(JsonNode item) {
        String first = place(item);
        return item.get("format").asString().equals("WORKSHOP") ? List.of(first, next(first)) : List.of(first);
    }

    private static String next(String place) {
        return place.replace("|10:00|", "|11:00|").replace("|09:00|", "|10:00|");
    }

    /** Runs the calls on their own threads, released together so they really race. */
    private static List<Response> concurrently(int calls, IntFunction<Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(calls)) {
            List<Future<Response>> futures = IntStream.range(0, calls)
                    .mapToObj(i -> threads.submit(() -> {
                        start.await();
                        return call.apply(i);
                    }))
                    .toList();
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    /** "day|startTime|room", as Redis keys a slot. */
    private static String place(JsonNode item) {
        return item.get("day").asString() + "|" + item.get("startTime").asString() + "|" + item.get("room").asString();
    }
}

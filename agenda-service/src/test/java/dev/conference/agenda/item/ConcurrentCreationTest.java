package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Many callers at once on a small grid: 2 days x 3 slots x 5 rooms = 30 slots. */
@TestPropertySource(properties = {
        "agenda.grid.days=2027-05-12,2027-05-13",
        "agenda.grid.slots=09:00-09:45,10:00-10:45,11:00-11:45",
        "agenda.grid.rooms=Main Hall,Room A,Room B,Room C,Room D"})
class ConcurrentCreationTest extends AgendaServiceTest {

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

    private static String place(JsonNode item) {
        return item.get("day").asString() + " " + item.get("startTime").asString() + " " + item.get("room").asString();
    }
}

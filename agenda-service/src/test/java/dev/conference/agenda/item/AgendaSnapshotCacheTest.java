package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaApplication;
import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The agenda, its days and its calendar are served from a copy serialized once per change: each
 * read answers the agenda Redis holds now, whichever replica changed it, in the same bytes the
 * API always served.
 */
class AgendaSnapshotCacheTest extends AgendaServiceTest {

    @Autowired
    StringRedisTemplate redis;

    @Override
    @AfterEach
    protected void deleteWhatThisTestCreated() {
        super.deleteWhatThisTestCreated();
        redis.delete(REDIS.keyPrefix() + "version");
    }

    @Test
    void theAgendaItsDaysAndItsCalendarChangeRightAfterEachChangeThroughThisService() {
        String first = id(api.createItem(UUID.randomUUID().toString(), "First"));
        readEverything();

        String second = id(api.createItem(UUID.randomUUID().toString(), "Second"));
        assertThat(ids("/agenda-items")).containsExactly(first, second);
        assertThat(ids("/agenda-items?day=2027-05-12")).containsExactly(first, second);
        assertThat(api.get("/agenda-items.ics").body()).contains(second + "@conference-platform");

        move(first, "2027-05-13", "10:00", "Room A");
        assertThat(ids("/agenda-items")).containsExactly(second, first);
        assertThat(ids("/agenda-items?day=2027-05-12")).containsExactly(second);
        assertThat(ids("/agenda-items?day=2027-05-13")).containsExactly(first);
        assertThat(api.get("/agenda-items.ics").body()).contains("DTSTART:20270513T080000Z");

        assertThat(api.delete("/agenda-items/" + second).status()).isEqualTo(204);
        assertThat(ids("/agenda-items")).containsExactly(first);
        assertThat(ids("/agenda-items?day=2027-05-12")).isEmpty();
        assertThat(api.get("/agenda-items.ics").body()).doesNotContain(second);
        assertThat(api.get("/slots?free=true").json()).hasSize(53);
    }

    @Test
    void aChangeThroughAnotherReplicaIsServedRightAwayByThisOne() {
        String here = id(api.createItem(UUID.randomUUID().toString(), "Placed here"));
        try (ConfigurableApplicationContext other = otherReplica()) {
            HttpApi otherApi = new HttpApi(((WebServerApplicationContext) other).getWebServer().getPort());
            assertThat(ids("/agenda-items")).containsExactly(here);
            assertThat(otherApi.get("/agenda-items").body()).isEqualTo(api.get("/agenda-items").body());
            readEverything();

            String there = id(otherApi.createItem(UUID.randomUUID().toString(), "Placed there"));

            assertThat(ids("/agenda-items")).containsExactly(here, there);
            assertThat(ids("/agenda-items?day=2027-05-12")).containsExactly(here, there);
            assertThat(api.get("/agenda-items.ics").body()).contains(there + "@conference-platform");

            assertThat(api.delete("/agenda-items/" + there).status()).isEqualTo(204);
            assertThat(otherApi.get("/agenda-items").json().findValuesAsString("id")).containsExactly(here);
        }
    }

    @Test
    void aReadAnswersTheCopyUntilTheVersionInRedisChanges() {
        String placed = id(api.createItem(UUID.randomUUID().toString(), "Placed"));
        String before = api.get("/agenda-items").body();
        UUID sneaked = UUID.randomUUID();
        redis.opsForHash().put(REDIS.keyPrefix() + "items", sneaked.toString(), itemJson(sneaked, "Sneaked in"));
        try {
            assertThat(api.get("/agenda-items").body()).as("served from the copy").isEqualTo(before);

            redis.opsForValue().set(REDIS.keyPrefix() + "version", UUID.randomUUID().toString());

            assertThat(ids("/agenda-items")).containsExactly(placed, sneaked.toString());
        } finally {
            redis.opsForHash().delete(REDIS.keyPrefix() + "items", sneaked.toString());
        }
    }

    @Test
    void withoutAVersionInRedisEveryReadIsFresh() {
        String placed = id(api.createItem(UUID.randomUUID().toString(), "Placed"));
        readEverything();
        redis.delete(REDIS.keyPrefix() + "version");
        UUID written = UUID.randomUUID();
        redis.opsForHash().put(REDIS.keyPrefix() + "items", written.toString(), itemJson(written, "Written directly"));
        try {
            assertThat(ids("/agenda-items")).containsExactly(placed, written.toString());
            assertThat(ids("/agenda-items?day=2027-05-12")).containsExactly(placed, written.toString());
        } finally {
            redis.opsForHash().delete(REDIS.keyPrefix() + "items", written.toString());
        }
    }

    @Test
    void theServedBytesAreTheJsonTheApiServesForEachItem() {
        List<String> proposals = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        api.createItem(Map.of("proposalId", proposals.get(0), "title", "Zoë's \"quoted\" talk 🎉 <b>bold</b>",
                "abstract", "Line one,\nline two\t\\ and ünïcödé", "speakerName", "Zoë O'Brien"));
        api.createItem(proposals.get(1), "Plain");

        String served = api.get("/agenda-items").body();

        // ?proposalId= is answered by Spring's JSON converter, as every list was before the copy
        String expected = proposals.stream()
                .map(proposal -> api.get("/agenda-items?proposalId=" + proposal).body())
                .map(oneItemList -> oneItemList.substring(1, oneItemList.length() - 1))
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(served).isEqualTo(expected).contains("Zoë's \\\"quoted\\\" talk 🎉 <b>bold</b>");
        assertThat(api.get("/agenda-items?day=2027-05-12").body()).isEqualTo(expected);
        assertThat(api.get("/agenda-items?day=2027-05-13").body()).isEqualTo("[]");
    }

    @Test
    void aConditionalReadOfAnUnchangedAgendaAnswers304() {
        api.createItem(UUID.randomUUID().toString(), "Placed");
        Response whole = api.get("/agenda-items");
        Response day = api.get("/agenda-items?day=2027-05-12");
        Response calendar = api.get("/agenda-items.ics");
        assertThat(whole.header("ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(day.header("ETag")).isEqualTo(whole.header("ETag"));
        assertThat(calendar.header("ETag")).matches("\"[0-9a-f]{32}\"").isNotEqualTo(whole.header("ETag"));

        assertThat(conditional("/agenda-items", whole.header("ETag")).status()).isEqualTo(304);
        assertThat(conditional("/agenda-items?day=2027-05-12", day.header("ETag")).status()).isEqualTo(304);
        assertThat(conditional("/agenda-items.ics", calendar.header("ETag")).status()).isEqualTo(304);
        assertThat(conditional("/agenda-items?day=2027-05-13", day.header("ETag")).status()).isEqualTo(200);

        api.createItem(UUID.randomUUID().toString(), "Placed later");

        Response changed = conditional("/agenda-items", whole.header("ETag"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(whole.header("ETag"));
        assertThat(conditional("/agenda-items.ics", calendar.header("ETag")).status()).isEqualTo(200);
    }

    @Test
    void theCalendarIsRenderedOncePerChange() {
        api.createItem(UUID.randomUUID().toString(), "Placed");

        String calendar = api.get("/agenda-items.ics").body();

        assertThat(api.get("/agenda-items.ics").body()).isEqualTo(calendar);
        api.createItem(UUID.randomUUID().toString(), "Placed later");
        assertThat(api.get("/agenda-items.ics").body()).isNotEqualTo(calendar).contains("SUMMARY:Placed later");
    }

    /**
     * A second agenda-service on the same key space. Its settings are command-line arguments: default properties
     * would lose to application.yaml, and server.port 8082 would reach whatever else listens there.
     */
    private ConfigurableApplicationContext otherReplica() {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.data.redis.host=" + REDIS.host(), "--spring.data.redis.port=" + REDIS.port(),
                "--agenda.key-prefix=" + REDIS.keyPrefix()));
        if (REDIS.password() != null && !REDIS.password().isEmpty()) {
            args.add("--spring.data.redis.password=" + REDIS.password());
        }
        return new SpringApplicationBuilder(AgendaApplication.class).run(args.toArray(String[]::new));
    }

    /** Fills this replica's copies of the agenda, a day and the calendar. */
    private void readEverything() {
        assertThat(api.get("/agenda-items").status()).isEqualTo(200);
        assertThat(api.get("/agenda-items?day=2027-05-12").status()).isEqualTo(200);
        assertThat(api.get("/agenda-items.ics").status()).isEqualTo(200);
    }

    private Response conditional(String path, String etag) {
        return api.send("GET", path, null, BodyPublishers.noBody(), Map.of("If-None-Match", etag));
    }

    private Response move(String id, String day, String startTime, String room) {
        Response moved = api.send("PUT", "/agenda-items/" + id + "/slot", "application/json",
                HttpApi.json(Map.of("day", day, "startTime", startTime, "room", room)));
        assertThat(moved.status()).isEqualTo(200);
        return moved;
    }

    private List<String> ids(String path) {
        return api.get(path).json().findValuesAsString("id");
    }

    private static String itemJson(UUID id, String title) {
        return HttpApi.json(Map.of("id", id.toString(), "proposalId", UUID.randomUUID().toString(), "title", title,
                "abstract", "About " + title, "speakerName", "Someone", "day", "2027-05-12", "startTime", "10:00",
                "endTime", "10:45", "room", "Main Hall"));
    }

    private static String id(Response created) {
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}

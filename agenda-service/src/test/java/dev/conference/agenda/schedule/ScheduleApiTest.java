package dev.conference.agenda.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import dev.conference.agenda.config.AgendaProperties;
import dev.conference.testsupport.TestRedis;
import dev.conference.testsupport.TestRedis.KeySpace;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Personal schedules over HTTP against a real Redis, on a grid of 3 days, 6 slots and 6 rooms (108
 * places, so a schedule can be filled past its limit).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "agenda.grid.rooms=Main Hall,Room A,Room B,Room C,Room D,Room E")
class ScheduleApiTest {

    private static final KeySpace REDIS = TestRedis.newKeySpace("agenda-schedules");
    /** The end of the 30th day after the last day of the default grid (2027-05-14), in the conference's zone. */
    private static final Instant KEPT_UNTIL = ZonedDateTime.of(2027, 6, 14, 0, 0, 0, 0, ZoneId.of("Europe/Amsterdam"))
            .toInstant();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        REDIS.register(registry, "agenda.key-prefix");
    }

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AgendaProperties properties;

    HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @AfterEach
    void deleteWhatThisTestCreated() {
        api.deleteCreated();
    }

    @Test
    void creatingAnswers201WithAnUnguessableTokenItsLocationAndNoTalks() {
        Response created = api.send("POST", "/schedules", null, null);

        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(16);
        assertThat(created.header("Location")).isEqualTo("/schedules/" + token);
        assertThat(created.json().get("talks").isArray()).isTrue();
        assertThat(created.json().get("talks")).isEmpty();
        assertThat(newSchedule()).isNotEqualTo(token);
        assertThat(api.get("/schedules/" + token).json()).isEqualTo(created.json());
    }

    @Test
    void talksListInAgendaOrderAsTheAgendaShowsThem() {
        String first = createItem("First");
        String second = createItem("Second");
        String third = createItem("Third");
        String token = newSchedule();

        assertThat(add(token, third).status()).isEqualTo(204);
        assertThat(add(token, first).status()).isEqualTo(204);

        JsonNode schedule = api.get("/schedules/" + token).json();
        assertThat(schedule.get("token").asString()).isEqualTo(token);
        assertThat(ids(schedule)).containsExactly(first, third).doesNotContain(second);
        assertThat(schedule.get("talks").get(0)).isEqualTo(api.get("/agenda-items/" + first).json());
    }

    @Test
    void addingAndRemovingAreIdempotent() {
        String item = createItem("Twice");
        String token = newSchedule();

        assertThat(add(token, item).status()).isEqualTo(204);
        assertThat(add(token, item).status()).isEqualTo(204);
        assertThat(ids(api.get("/schedules/" + token).json())).containsExactly(item);

        assertThat(remove(token, item).status()).isEqualTo(204);
        assertThat(remove(token, item).status()).isEqualTo(204);
        assertThat(remove(token, UUID.randomUUID().toString()).status()).isEqualTo(204);
        assertThat(ids(api.get("/schedules/" + token).json())).isEmpty();
    }

    @Test
    void aMovedTalkShowsItsNewSlotAndATalkTakenOffTheAgendaIsNotShown() {
        String moved = createItem("Moved");
        String dropped = createItem("Dropped");
        String token = newSchedule();
        add(token, moved);
        add(token, dropped);

        assertThat(api.send("PUT", "/agenda-items/" + moved + "/slot", "application/json",
                "{\"day\":\"2027-05-14\",\"startTime\":\"15:30\",\"room\":\"Room E\"}").status()).isEqualTo(200);
        assertThat(api.delete("/agenda-items/" + dropped).status()).isEqualTo(204);

        JsonNode talks = api.get("/schedules/" + token).json().get("talks");
        assertThat(talks).hasSize(1);
        assertThat(talks.get(0).get("id").asString()).isEqualTo(moved);
        assertThat(talks.get(0).get("day").asString()).isEqualTo("2027-05-14");
        assertThat(talks.get(0).get("startTime").asString()).isEqualTo("15:30");
        assertThat(talks.get(0).get("room").asString()).isEqualTo("Room E");
    }

    @Test
    void anUnknownScheduleIsA404Problem() {
        String unknown = "AAAAAAAAAAAAAAAAAAAAAA";
        String item = createItem("Somewhere");

        for (Response response : List.of(api.get("/schedules/" + unknown), api.get("/schedules/" + unknown + ".ics"),
                add(unknown, item), remove(unknown, item))) {
            assertProblem(response, 404, "Schedule not found");
            assertThat(response.json().get("code").asString()).isEqualTo("SCHEDULE_NOT_FOUND");
        }
        assertThat(redis.hasKey(properties.keyPrefix() + "schedule:" + unknown)).isFalse();
    }

    @Test
    void addingATalkThatIsNotOnTheAgendaIsA404ProblemAndChangesNothing() {
        String token = newSchedule();

        assertProblem(add(token, UUID.randomUUID().toString()), 404, "Agenda item not found");

        assertThat(redis.opsForHash().keys(key(token))).containsExactly("since");
    }

    @Test
    void everyChangeSetsTheScheduleToExpireThirtyDaysAfterTheLastConferenceDay() {
        String item = createItem("Expiring");
        String token = newSchedule();
        assertExpiresThirtyDaysAfterTheConference(token);

        redis.persist(key(token));
        add(token, item);
        assertExpiresThirtyDaysAfterTheConference(token);

        redis.persist(key(token));
        add(token, item);
        assertExpiresThirtyDaysAfterTheConference(token);

        redis.persist(key(token));
        remove(token, item);
        assertExpiresThirtyDaysAfterTheConference(token);
    }

    @Test
    void aScheduleHoldsAtMost100TalksAndTalksTakenOffTheAgendaMakeRoom() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ScheduleService.MOST_TALKS + 1; i++) {
            items.add(createItem("Talk " + i));
        }
        String token = newSchedule();
        for (String item : items.subList(0, ScheduleService.MOST_TALKS)) {
            assertThat(add(token, item).status()).isEqualTo(204);
        }

        Response refused = add(token, items.getLast());
        assertProblem(refused, 409, "Schedule is full");
        assertThat(refused.json().get("code").asString()).isEqualTo("SCHEDULE_FULL");
        assertThat(add(token, items.getFirst()).status()).as("a talk it has").isEqualTo(204);
        assertThat(api.get("/schedules/" + token).json().get("talks")).hasSize(ScheduleService.MOST_TALKS);

        api.delete("/agenda-items/" + items.get(5));
        assertThat(add(token, items.getLast()).status()).isEqualTo(204);
        assertThat(ids(api.get("/schedules/" + token).json())).hasSize(ScheduleService.MOST_TALKS)
                .contains(items.getLast()).doesNotContain(items.get(5));
    }

    @Test
    void theFeedHasExactlyTheScheduledTalksWithTheAgendaCalendarsUids() throws Exception {
        String first = createItem("In the feed");
        createItem("Not in the feed");
        String moved = createItem("Moved, in the feed");
        String token = newSchedule();
        add(token, first);
        add(token, moved);
        api.send("PUT", "/agenda-items/" + moved + "/slot", "application/json",
                "{\"day\":\"2027-05-13\",\"startTime\":\"10:00\",\"room\":\"Room B\"}");

        Response feed = api.get("/schedules/" + token + ".ics");

        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.contentType()).isEqualTo("text/calendar;charset=UTF-8");
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        assertThat(calendar.getProperty("X-WR-CALNAME").orElseThrow().getValue())
                .isEqualTo("Conference agenda: my schedule");
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).extracting(event -> value(event, Property.UID))
                .containsExactly(first + "@conference-platform", moved + "@conference-platform");
        assertThat(events).extracting(event -> value(event, Property.SUMMARY))
                .containsExactly("In the feed", "Moved, in the feed");
        assertThat(value(events.getLast(), Property.DTSTART)).isEqualTo("20270513T080000Z");

        List<VEvent> agenda = new CalendarBuilder().build(new StringReader(api.get("/agenda-items.ics").body()))
                .getComponents("VEVENT");
        for (VEvent event : events) {
            VEvent same = agenda.stream()
                    .filter(other -> value(other, Property.UID).equals(value(event, Property.UID)))
                    .findFirst().orElseThrow();
            for (String name : List.of(Property.DTSTART, Property.DTEND, Property.SUMMARY, Property.LOCATION,
                    Property.DESCRIPTION)) {
                assertThat(value(event, name)).as(name).isEqualTo(value(same, name));
            }
        }
    }

    @Test
    void anEmptyScheduleHasAnEmptyFeed() throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(api.get("/schedules/" + newSchedule() + ".ics")
                .body()));

        assertThat(calendar.<VEvent>getComponents("VEVENT")).isEmpty();
    }

    private String newSchedule() {
        Response created = api.send("POST", "/schedules", null, null);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("token").asString();
    }

    private String createItem(String title) {
        Response created = api.createItem(UUID.randomUUID().toString(), title);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Response add(String token, String itemId) {
        return api.send("PUT", "/schedules/" + token + "/talks/" + itemId, null, null);
    }

    private Response remove(String token, String itemId) {
        return api.delete("/schedules/" + token + "/talks/" + itemId);
    }

    private String key(String token) {
        return properties.keyPrefix() + "schedule:" + token;
    }

    private void assertExpiresThirtyDaysAfterTheConference(String token) {
        Long seconds = redis.getExpire(key(token), TimeUnit.SECONDS);
        Duration expected = Duration.between(Instant.now(), KEPT_UNTIL);
        assertThat(seconds).isNotNull().isBetween(expected.toSeconds() - 5, expected.toSeconds() + 1);
    }

    private static List<String> ids(JsonNode schedule) {
        return schedule.get("talks").findValuesAsString("id");
    }

    private static void assertProblem(Response response, int status, String title) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as("content type %s", response.contentType()).isTrue();
        assertThat(response.json().get("title").asString()).isEqualTo(title);
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).orElseThrow().getValue();
    }
}

package dev.conference.agenda.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import dev.conference.testsupport.TestRedis;
import dev.conference.testsupport.TestRedis.KeySpace;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Whatever a client sends to the schedules, the answer is a 4xx problem+json, never a 500: a text that
 * cannot be a token names no schedule (404), an agenda item id that is not a UUID is a 400 naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScheduleBadInputTest {

    private static final KeySpace REDIS = TestRedis.newKeySpace("agenda-schedules");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        REDIS.register(registry, "agenda.key-prefix");
    }

    @LocalServerPort
    int port;

    HttpApi api;
    String token;
    String itemId;

    @BeforeEach
    void aScheduleWithOneTalk() {
        api = new HttpApi(port);
        itemId = api.createItem(UUID.randomUUID().toString(), "Target").json().get("id").asString();
        token = api.send("POST", "/schedules", null, null).json().get("token").asString();
        assertThat(api.send("PUT", "/schedules/" + token + "/talks/" + itemId, null, null).status()).isEqualTo(204);
    }

    @AfterEach
    void deleteWhatThisTestCreated() {
        api.deleteCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAA%3D", "AAAAAAAAAAAAAAAAAAAA%2B%21",
            "%2A", "AAAAAAAAAAAAAAAAAAAA%2A%3F", "%3Cscript%3Ealert(1)%3C%40script%3E", "%27%3B%20DROP%20TABLE%20x%3B--",
            "..", "%20AAAAAAAAAAAAAAAAAAAAAA", "since", "a.b", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aTextThatCannotBeATokenNamesNoSchedule(String token) {
        for (Response response : List.of(api.get("/schedules/" + token), api.get("/schedules/" + token + ".ics"),
                api.send("PUT", "/schedules/" + token + "/talks/" + itemId, null, null),
                api.delete("/schedules/" + token + "/talks/" + itemId))) {
            assertRefused(response, 404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "since", "%27%3B%20DROP%20TABLE%20x%3B--", "%3Cscript%3E",
            "00000000-0000-0000-0000-00000000000g"})
    void anAgendaItemIdThatIsNotAUuidIsRefusedNamingIt(String id) {
        for (Response response : List.of(api.send("PUT", "/schedules/" + token + "/talks/" + id, null, null),
                api.delete("/schedules/" + token + "/talks/" + id))) {
            assertRefused(response, 400);
            assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("agendaItemId");
        }
        assertTheScheduleIsUnchanged();
    }

    @Test
    void aBodyIsIgnored() {
        assertThat(api.send("POST", "/schedules", "application/json", "{\"talks\":[\"" + itemId + "\"]}").json()
                .get("talks")).isEmpty();
        assertThat(api.send("PUT", "/schedules/" + token + "/talks/" + itemId, "text/plain", "nonsense").status())
                .isEqualTo(204);
        assertTheScheduleIsUnchanged();
    }

    @Test
    void anUnsupportedMethodIsA405Problem() {
        assertRefused(api.get("/schedules"), 405);
        assertRefused(api.send("POST", "/schedules/" + token, null, null), 405);
        assertRefused(api.delete("/schedules/" + token), 405);
        assertRefused(api.send("PATCH", "/schedules/" + token + "/talks/" + itemId, null, null), 405);
        assertRefused(api.get("/schedules/" + token + "/talks/" + itemId), 405);
    }

    @Test
    void anUnknownPathIsA404Problem() {
        assertRefused(api.get("/schedules/" + token + "/talks"), 404);
        assertRefused(api.get("/schedules/" + token + "/speakers/" + itemId), 404);
    }

    private void assertTheScheduleIsUnchanged() {
        assertThat(api.get("/schedules/" + token).json().get("talks").findValuesAsString("id")).containsExactly(itemId);
    }

    private static void assertRefused(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as("content type %s", response.contentType()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
    }
}

package dev.conference.frontend.agenda;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FakeBackend.Answer;
import dev.conference.frontend.GatewayTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The agenda stays readable when agenda-service is down, slow, failing or talking nonsense. */
class AgendaFallbackTest extends GatewayTest {

    private static final String DAY_1 = "2027-05-12";
    private static final String DAY_2 = "2027-05-13";

    @Autowired
    private StringRedisTemplate redis;

    private String item(String id, String day, String title) {
        return """
                {"id":"%s","proposalId":"%s","title":"%s","abstract":"A talk","speakerName":"Ada","day":"%s",\
                "startTime":"09:00","endTime":"09:45","room":"Main Hall"}""".formatted(id, newId(), title, day);
    }

    private String agendaOf(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    private EntityExchangeResult<String> get(String uri) {
        return http.get().uri(uri).exchange().expectBody(String.class).returnResult();
    }

    @Test
    void agendaPageShowsLastKnownAgendaWhenAgendaServiceIsDown() {
        String agenda = agendaOf(item(newId(), DAY_1, "Outboxes"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda));

        EntityExchangeResult<String> fresh = get("/api/agenda");
        assertThat(fresh.getStatus().value()).isEqualTo(200);
        assertThat(fresh.getResponseBody()).isEqualTo(agenda);
        assertThat(fresh.getResponseHeaders().getFirst(AgendaCacheGatewayFilterFactory.STALE_HEADER)).isNull();

        AGENDA.stop();
        EntityExchangeResult<String> stale = get("/api/agenda");

        assertThat(stale.getStatus().value()).isEqualTo(200);
        assertThat(stale.getResponseBody()).isEqualTo(agenda);
        assertThat(stale.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(stale.getResponseHeaders().getFirst("X-Agenda-Stale")).isEqualTo("true");
        assertThat(Long.parseLong(stale.getResponseHeaders().getFirst(HttpHeaders.AGE))).isBetween(0L, 60L);
    }

    @Test
    void everyAnswerFromTheCopyIsCountedAsAStaleAnswerAndNoFreshOneIs() {
        String agenda = agendaOf(item(newId(), DAY_1, "Counting"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda), json(500, "{\"title\":\"boom\"}"));
        double before = staleAnswers();

        get("/api/agenda");
        assertThat(staleAnswers()).isEqualTo(before);
        get("/api/agenda");
        get("/api/agenda");

        assertThat(staleAnswers()).isEqualTo(before + 2);
    }

    /** 200 with the agenda as last read, marked as a copy. */
    private static void assertStaleCopy(EntityExchangeResult<String> answer, String agenda) {
        assertThat(answer.getStatus().value()).isEqualTo(200);
        assertThat(answer.getResponseBody()).isEqualTo(agenda);
        assertThat(answer.getResponseHeaders().getFirst("X-Agenda-Stale")).isEqualTo("true");
    }

    private double staleAnswers() {
        String metrics = get("/actuator/prometheus").getResponseBody();
        return metrics.lines().filter(line -> line.startsWith("frontend_agenda_stale_answers_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void agendaAnswersFromTheCopyWhenAgendaServiceFailsWith5xx() {
        String agenda = agendaOf(item(newId(), DAY_1, "Retries"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda), json(500, "{\"title\":\"boom\"}"));
        get("/api/agenda");

        EntityExchangeResult<String> stale = get("/api/agenda");

        assertStaleCopy(stale, agenda);
    }

    @Test
    void agendaAnswersFromTheCopyWhenAgendaServiceIsTooSlow() {
        String agenda = agendaOf(item(newId(), DAY_1, "Timeouts"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda), json(200, "[]").after(Duration.ofSeconds(3)));
        get("/api/agenda");

        long started = System.nanoTime();
        EntityExchangeResult<String> stale = get("/api/agenda");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
        assertStaleCopy(stale, agenda);
    }

    @Test
    void garbageFromAgendaServiceIsNeitherKeptNorShown() {
        String agenda = agendaOf(item(newId(), DAY_1, "Validation"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda), Answer.of(200, "text/html", "<html>proxy error</html>"));
        get("/api/agenda");

        EntityExchangeResult<String> answer = get("/api/agenda");

        assertThat(answer.getResponseBody()).isEqualTo(agenda);
        assertThat(answer.getResponseHeaders().getFirst("X-Agenda-Stale")).isEqualTo("true");
    }

    @Test
    void aDayAndAnItemNeverReadOnTheirOwnAreCutFromTheCopyOfTheWholeAgenda() {
        String first = newId();
        String second = newId();
        AGENDA.answer("GET", "/agenda-items", json(200, agendaOf(item(first, DAY_1, "Day one"), item(second, DAY_2, "Day two"))));
        get("/api/agenda");
        AGENDA.stop();

        EntityExchangeResult<String> day = get("/api/agenda?day=" + DAY_2);
        EntityExchangeResult<String> one = get("/api/agenda/" + first);

        assertThat(day.getStatus().value()).isEqualTo(200);
        assertThat(day.getResponseHeaders().getFirst("X-Agenda-Stale")).isEqualTo("true");
        assertThat(day.getResponseBody()).contains(second).doesNotContain(first);
        assertThat(one.getStatus().value()).isEqualTo(200);
        assertThat(one.getResponseBody()).startsWith("{").contains(first).doesNotContain(second);
    }

    @Test
    void aDayThatIsNotAConferenceDayLeavesNoCopyBehind() {
        AGENDA.answer("GET", "/agenda-items",
                json(404, "{\"title\":\"No such conference day\",\"status\":404}"));

        for (int i = 1; i <= 20; i++) {
            assertThat(get("/api/agenda?day=2031-01-%02d".formatted(i)).getStatus().value()).isEqualTo(404);
        }

        assertThat(redis.keys(REDIS.keyPrefix() + "agenda:list:day=2031-*")).isEmpty();
    }

    @Test
    void iCalendarExportFallsBackToo() {
        String calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
        AGENDA.answer("GET", "/agenda-items.ics", Answer.of(200, "text/calendar;charset=UTF-8", calendar)
                .withHeader("Content-Disposition", "inline; filename=\"agenda.ics\""));
        get("/api/agenda.ics");
        AGENDA.stop();

        EntityExchangeResult<String> stale = get("/api/agenda.ics");

        assertThat(stale.getStatus().value()).isEqualTo(200);
        assertThat(stale.getResponseBody()).isEqualTo(calendar);
        assertThat(stale.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("text/calendar");
        assertThat(stale.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("agenda.ics");
        assertThat(stale.getResponseHeaders().getFirst("X-Agenda-Stale")).isEqualTo("true");
    }

    @Test
    void aReplicaThatNeverReadTheAgendaAnswersFromTheCopyInRedis() {
        String id = newId();
        String kept = "[" + item(id, DAY_1, "Kept by another replica") + "]";
        long storedAt = Instant.now().minusSeconds(120).toEpochMilli();
        redis.opsForValue().set(REDIS.keyPrefix() + "agenda:item:" + id,
                "{\"body\":" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(item(id, DAY_1, "Kept"))
                        + ",\"contentType\":\"application/json\",\"contentDisposition\":null,\"storedAt\":" + storedAt + "}");
        AGENDA.stop();

        EntityExchangeResult<String> stale = get("/api/agenda/" + id);

        assertThat(kept).contains(id);
        assertThat(stale.getStatus().value()).isEqualTo(200);
        assertThat(stale.getResponseBody()).contains("Kept");
        assertThat(Long.parseLong(stale.getResponseHeaders().getFirst(HttpHeaders.AGE))).isBetween(119L, 180L);
    }

    @Test
    void agendaNeverReadAnswers503ProblemWithRetryAfter() {
        AGENDA.stop();

        http.get().uri("/api/agenda/" + newId()).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.title").isEqualTo("Agenda unavailable");
    }

    @Test
    void anUnknownItemIsAnsweredAsAgendaServiceAnswersIt() {
        String id = newId();
        AGENDA.answer("GET", "/agenda-items/" + id, Answer.of(404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404}"));

        http.get().uri("/api/agenda/" + id).exchange()
                .expectStatus().isNotFound()
                .expectHeader().doesNotExist("X-Agenda-Stale");
    }

    @Test
    void staleAnswersHaveTheirOwnEtagSoBrowsersDropTheBannerOnRecovery() {
        String agenda = agendaOf(item(newId(), DAY_1, "ETags"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda));
        String freshTag = get("/api/agenda").getResponseHeaders().getETag();
        AGENDA.stop();

        EntityExchangeResult<String> stale = get("/api/agenda");
        String staleTag = stale.getResponseHeaders().getETag();
        assertThat(staleTag).isNotEqualTo(freshTag);

        http.get().uri("/api/agenda").header(HttpHeaders.IF_NONE_MATCH, staleTag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals("X-Agenda-Stale", "true");
        AGENDA.start();
        http.get().uri("/api/agenda").header(HttpHeaders.IF_NONE_MATCH, staleTag).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("X-Agenda-Stale");
    }

    @Test
    void anOpenCircuitAnswersFromTheCopyWithoutWaiting() {
        String agenda = agendaOf(item(newId(), DAY_1, "Breakers"));
        AGENDA.answer("GET", "/agenda-items", json(200, agenda), json(503, "{}"));
        get("/api/agenda");
        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/agenda").getResponseBody()).isEqualTo(agenda);
        }
        int asked = AGENDA.received("GET", "/agenda-items").size();

        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/agenda").getResponseHeaders().getFirst("X-Agenda-Stale")).isEqualTo("true");
        }

        assertThat(AGENDA.received("GET", "/agenda-items")).hasSize(asked);
    }
}

package dev.conference.frontend.schedule;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FakeBackend.Answer;
import dev.conference.frontend.GatewayTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Personal schedules through the gateway: public routes to agenda-service's {@code /schedules}, CSRF on every change,
 * a per-client limit on creating them, and a breaker of their own.
 */
class ScheduleRoutesTest extends GatewayTest {

    private static final String TOKEN = "Abcdefghijklmnopqrstu_";
    private static final String ITEM = "0b7e4c1e-5a57-4a83-9a5e-8d5f0c9b2a11";
    private static final String TALK = "/api/schedules/" + TOKEN + "/talks/" + ITEM;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Autowired
    private StringRedisTemplate redis;

    record Change(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Change> changes() {
        return Stream.of(new Change(HttpMethod.POST, "/api/schedules"), new Change(HttpMethod.PUT, TALK),
                new Change(HttpMethod.DELETE, TALK));
    }

    @Test
    void creatingReachesSchedulesAndItsLocationPointsIntoTheApi() {
        AGENDA.answer("POST", "/schedules", json(201, "{\"token\":\"" + TOKEN + "\",\"talks\":[]}")
                .withHeader("Location", "/schedules/" + TOKEN));
        int sessions = redis.keys(REDIS.keyPrefix() + "session*").size();

        withCsrf(http.post().uri("/api/schedules")).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/schedules/" + TOKEN)
                .expectBody().jsonPath("$.token").isEqualTo(TOKEN).jsonPath("$.talks").isEmpty();

        assertThat(AGENDA.received("POST", "/schedules")).singleElement()
                .satisfies(received -> assertThat(received.header("Cookie")).isEmpty());
        assertThat(redis.keys(REDIS.keyPrefix() + "session*")).as("no session for an attendee").hasSize(sessions);
    }

    @Test
    void anyoneReadsAScheduleAndItsFeed() {
        AGENDA.answer("GET", "/schedules/" + TOKEN, json(200, "{\"token\":\"" + TOKEN + "\",\"talks\":[{\"id\":\"" + ITEM + "\"}]}"));
        AGENDA.answer("GET", "/schedules/" + TOKEN + ".ics",
                Answer.of(200, "text/calendar;charset=UTF-8", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));

        http.get().uri("/api/schedules/" + TOKEN).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.talks[0].id").isEqualTo(ITEM);
        http.get().uri("/api/schedules/" + TOKEN + ".ics").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/calendar")
                .expectBody(String.class).isEqualTo("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

        assertThat(AGENDA.received("GET", "/schedules/" + TOKEN)).hasSize(1);
        assertThat(AGENDA.received("GET", "/schedules/" + TOKEN + ".ics")).hasSize(1);
    }

    /** Calendar programs may look at a subscribed feed with HEAD before they fetch it. */
    @Test
    void anyoneAsksForTheFeedsHeadersWithHead() {
        AGENDA.answer("HEAD", "/schedules/" + TOKEN + ".ics", Answer.of(200, "text/calendar;charset=UTF-8", ""));

        http.head().uri("/api/schedules/" + TOKEN + ".ics").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/calendar");

        assertThat(AGENDA.received("HEAD", "/schedules/" + TOKEN + ".ics")).hasSize(1);
    }

    @Test
    void anyoneWithTheCsrfTokenAddsAndRemovesTalks() {
        AGENDA.answer("PUT", "/schedules/" + TOKEN + "/talks/" + ITEM, Answer.of(204, "application/json", ""));
        AGENDA.answer("DELETE", "/schedules/" + TOKEN + "/talks/" + ITEM, Answer.of(204, "application/json", ""));

        withCsrf(http.put().uri(TALK)).exchange().expectStatus().isNoContent();
        withCsrf(http.method(HttpMethod.DELETE).uri(TALK)).exchange().expectStatus().isNoContent();

        assertThat(AGENDA.received("PUT", "/schedules/" + TOKEN + "/talks/" + ITEM)).singleElement()
                .satisfies(received -> assertThat(received.header("X-XSRF-TOKEN")).isEmpty());
        assertThat(AGENDA.received("DELETE", "/schedules/" + TOKEN + "/talks/" + ITEM)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeWithoutTheCsrfTokenIsRefused(Change change) {
        http.method(change.method()).uri(change.path()).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.method(change.method()).uri(change.path()).cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", "forged")
                .exchange()
                .expectStatus().isForbidden();

        assertThat(AGENDA.received()).isEmpty();
    }

    @Test
    void otherCallsOnSchedulesAreNotPublic() {
        http.get().uri("/api/schedules").exchange().expectStatus().isUnauthorized();
        withCsrf(http.method(HttpMethod.DELETE).uri("/api/schedules/" + TOKEN)).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/schedules/" + TOKEN + "/talks").exchange().expectStatus().isUnauthorized();
        withCsrf(http.post().uri(TALK)).exchange().expectStatus().isUnauthorized();

        assertThat(AGENDA.received()).isEmpty();
    }

    @Test
    void creationsBeyondTheBurstAreRefusedWith429AndRetryAfterPerClient() {
        AGENDA.answer("POST", "/schedules", json(201, "{\"token\":\"" + TOKEN + "\",\"talks\":[]}"));
        C4P.answer("POST", "/proposals", json(201, "{\"id\":\"x\"}"));
        String client = "192.0.2." + (int) (Math.random() * 250);

        for (int i = 0; i < 2; i++) {
            createAs(client).expectStatus().isCreated();
        }
        createAs(client)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectBody().jsonPath("$.title").isEqualTo("Too many schedules");

        assertThat(AGENDA.received("POST", "/schedules")).hasSize(2);
        createAs("198.51.100." + (int) (Math.random() * 250)).expectStatus().isCreated();
        // submissions have a bucket of their own
        withCsrf(http.post().uri("/api/proposals")).header("X-Forwarded-For", client)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isCreated();
    }

    @Test
    void theAgendaServiceAnswersOtherThanFailuresPassThrough() {
        AGENDA.answer("GET", "/schedules/" + TOKEN, Answer.of(404, "application/problem+json",
                "{\"title\":\"Schedule not found\",\"status\":404,\"code\":\"SCHEDULE_NOT_FOUND\"}"));
        AGENDA.answer("PUT", "/schedules/" + TOKEN + "/talks/" + ITEM, Answer.of(409, "application/problem+json",
                "{\"title\":\"Schedule is full\",\"status\":409,\"code\":\"SCHEDULE_FULL\"}"));

        http.get().uri("/api/schedules/" + TOKEN).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("SCHEDULE_NOT_FOUND");
        withCsrf(http.put().uri(TALK)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("SCHEDULE_FULL");
    }

    @Test
    void agendaServiceDownIsA503ProblemWithRetryAfter() {
        AGENDA.stop();

        for (WebTestClient.RequestHeadersSpec<?> call : java.util.List.of(withCsrf(http.post().uri("/api/schedules")),
                http.get().uri("/api/schedules/" + TOKEN), withCsrf(http.put().uri(TALK)))) {
            call.exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");
        }
    }

    @Test
    void failingScheduleCallsOpenTheirOwnBreakerNotTheAgendas() {
        AGENDA.answer("GET", "/schedules/" + TOKEN, json(500, "{\"title\":\"Internal error\",\"status\":500}"));
        for (int i = 0; i < 12; i++) {
            http.get().uri("/api/schedules/" + TOKEN).exchange().expectStatus().isEqualTo(503);
        }

        assertThat(breakers.circuitBreaker("agenda-schedules").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int reached = AGENDA.received("GET", "/schedules/" + TOKEN).size();
        http.get().uri("/api/schedules/" + TOKEN).exchange().expectStatus().isEqualTo(503);
        assertThat(AGENDA.received("GET", "/schedules/" + TOKEN)).as("an open breaker answers without calling")
                .hasSize(reached);
        assertThat(breakers.circuitBreaker("agenda-public").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakers.circuitBreaker("agenda-organizers").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private WebTestClient.ResponseSpec createAs(String client) {
        return withCsrf(http.post().uri("/api/schedules")).header("X-Forwarded-For", client).exchange();
    }
}

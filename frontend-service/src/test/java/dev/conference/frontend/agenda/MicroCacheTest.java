package dev.conference.frontend.agenda;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Agenda reads are cheap: answered from memory for a moment, and 304 when the browser has them. */
@TestPropertySource(properties = "frontend.agenda.micro-cache-ttl=1h")
class MicroCacheTest extends GatewayTest {

    @Test
    void repeatedReadsWithinTheMicroCacheTimeDoNotReachAgendaService() {
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"));

        for (int i = 0; i < 5; i++) {
            http.get().uri("/api/agenda?day=2027-05-14").exchange().expectStatus().isOk().expectBody().json("[]");
        }

        assertThat(AGENDA.received("GET", "/agenda-items?day=2027-05-14")).hasSize(1);
    }

    @Test
    void aBrowserThatHasTheAgendaGets304() {
        AGENDA.answer("GET", "/agenda-items.ics", dev.conference.frontend.FakeBackend.Answer.of(200, "text/calendar",
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
        String etag = http.get().uri("/api/agenda.ics").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .returnResult(String.class).getResponseHeaders().getETag();

        http.get().uri("/api/agenda.ics").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().isEmpty();
        http.get().uri("/api/agenda.ics").header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"").exchange()
                .expectStatus().isOk();
    }

    @Test
    void movingATalkMakesTheNextReadAskAgendaServiceAgain() {
        String session = login();
        String id = newId();
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"));
        AGENDA.answer("PUT", "/agenda-items/" + id + "/slot", json(200, "{}"));
        http.get().uri("/api/agenda").exchange().expectStatus().isOk();

        withCsrf(http.put().uri("/api/agenda/" + id + "/slot")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"day\":\"2027-05-12\",\"startTime\":\"10:00\",\"room\":\"Room A\"}")
                .exchange().expectStatus().isOk();
        http.get().uri("/api/agenda").exchange().expectStatus().isOk();

        assertThat(AGENDA.received("GET", "/agenda-items")).hasSize(2);
    }
}

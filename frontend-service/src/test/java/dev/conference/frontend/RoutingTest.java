package dev.conference.frontend;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FakeBackend.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Each public path reaches its backend's resource, and nothing internal is reachable. */
class RoutingTest extends GatewayTest {

    @Test
    void agendaReadsReachAgendaItems() {
        String id = newId();
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"));
        AGENDA.answer("GET", "/agenda-items/" + id, json(200, "{\"id\":\"" + id + "\"}"));
        AGENDA.answer("GET", "/agenda-items.ics", Answer.of(200, "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));

        http.get().uri("/api/agenda?day=2027-05-12").exchange().expectStatus().isOk();
        http.get().uri("/api/agenda/" + id).exchange().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
        http.get().uri("/api/agenda.ics").exchange().expectStatus().isOk();

        assertThat(AGENDA.received("GET", "/agenda-items?day=2027-05-12")).hasSize(1);
        assertThat(AGENDA.received("GET", "/agenda-items/" + id)).hasSize(1);
        assertThat(AGENDA.received("GET", "/agenda-items.ics")).hasSize(1);
    }

    @Test
    void submissionReachesProposalsAndItsLocationPointsIntoTheApi() {
        String id = newId();
        C4P.answer("POST", "/proposals", json(201, "{\"id\":\"" + id + "\",\"trackingToken\":\"tok\"}")
                .withHeader("Location", "/proposals/" + id));
        String submission = "{\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}";

        withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON).bodyValue(submission)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/proposals/" + id)
                .expectBody().jsonPath("$.trackingToken").isEqualTo("tok");

        assertThat(C4P.received("POST", "/proposals")).singleElement()
                .satisfies(received -> {
                    assertThat(received.body()).isEqualTo(submission);
                    assertThat(received.header("Cookie")).isEmpty();
                    assertThat(received.header("X-XSRF-TOKEN")).isNotNull();
                });
    }

    @Test
    void trackingAndTheCfpWindowArePublic() {
        C4P.answer("GET", "/proposals/track/abc123", json(200, "{\"status\":\"PENDING\"}"));
        C4P.answer("GET", "/cfp", json(200, "{\"open\":true,\"opensAt\":null,\"closesAt\":null}"));

        http.get().uri("/api/proposals/track/abc123").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING");
        http.get().uri("/api/cfp").exchange().expectStatus().isOk().expectBody().jsonPath("$.open").isEqualTo(true);
    }

    @Test
    void backOfficeCallsReachTheirBackends() {
        String session = login();
        String id = newId();
        C4P.answer("GET", "/proposals", json(200, "{\"items\":[]}"));
        C4P.answer("GET", "/proposals/" + id, json(200, "{\"id\":\"" + id + "\"}"));
        C4P.answer("GET", "/notifications", json(200, "{\"items\":[]}"));
        AGENDA.answer("GET", "/slots", json(200, "[]"));
        AGENDA.answer("PUT", "/agenda-items/" + id + "/slot", json(200, "{\"id\":\"" + id + "\"}"));
        AGENDA.answer("DELETE", "/agenda-items/" + id, Answer.of(204, "application/json", ""));

        http.get().uri("/api/proposals?status=PENDING&q=outbox&page=1&size=5").cookie("SESSION", session).exchange()
                .expectStatus().isOk();
        http.get().uri("/api/proposals/" + id).cookie("SESSION", session).exchange().expectStatus().isOk();
        http.get().uri("/api/notifications?page=0").cookie("SESSION", session).exchange().expectStatus().isOk();
        http.get().uri("/api/slots?free=true").cookie("SESSION", session).exchange().expectStatus().isOk();
        withCsrf(http.put().uri("/api/agenda/" + id + "/slot")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"day\":\"2027-05-12\",\"startTime\":\"10:00\",\"room\":\"Room A\"}")
                .exchange().expectStatus().isOk();
        withCsrf(http.method(org.springframework.http.HttpMethod.DELETE).uri("/api/agenda/" + id)).cookie("SESSION", session)
                .exchange().expectStatus().isNoContent();

        assertThat(C4P.received("GET", "/proposals?status=PENDING&q=outbox&page=1&size=5")).hasSize(1);
        assertThat(C4P.received("GET", "/proposals/" + id)).hasSize(1);
        assertThat(C4P.received("GET", "/notifications?page=0")).hasSize(1);
        assertThat(AGENDA.received("GET", "/slots?free=true")).hasSize(1);
        assertThat(AGENDA.received("PUT", "/agenda-items/" + id + "/slot")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("Room A"));
        assertThat(AGENDA.received("DELETE", "/agenda-items/" + id)).hasSize(1);
    }

    @Test
    void internalResourcesAreNotReachableEvenForOrganizers() {
        String session = login();

        withCsrf(http.post().uri("/api/agenda")).cookie("SESSION", session).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/agenda-items").cookie("SESSION", session).exchange().expectStatus().isNotFound();
        http.get().uri("/agenda-items").exchange().expectStatus().isNotFound();
        http.get().uri("/proposals").exchange().expectStatus().isNotFound();
        withCsrf(http.post().uri("/emails")).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isNotFound();
        http.get().uri("/fallback/c4p-service").exchange().expectStatus().isUnauthorized();

        assertThat(AGENDA.received()).isEmpty();
        assertThat(C4P.received()).isEmpty();
    }

    @Test
    void pagesAreServedAtTheirAddresses() {
        http.get().uri("/").exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        http.get().uri("/submit").exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        http.get().uri("/admin").exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        http.get().uri("/track/some-token").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("/js/track.js"));
        http.get().uri("/schedule").exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("/js/schedule.js"));
        http.get().uri("/talks/0b7e4c1e-5a57-4a83-9a5e-8d5f0c9b2a11").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("/js/talk.js"));
        http.get().uri("/login").exchange().expectStatus().isSeeOther().expectHeader().valueEquals("Location", "/admin");
    }
}

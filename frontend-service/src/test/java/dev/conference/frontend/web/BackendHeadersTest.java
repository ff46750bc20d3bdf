package dev.conference.frontend.web;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FakeBackend;
import dev.conference.frontend.GatewayTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The backends get neither the client's forwarding headers nor any of the gateway's, nor the CSRF token. */
class BackendHeadersTest extends GatewayTest {

    private static final List<String> CLAIMS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP", "X-XSRF-TOKEN");

    @Test
    void publicReadsAndSubmissionsReachC4pWithoutForwardingHeadersOrTheCsrfToken() {
        C4P.answer("GET", "/cfp", json(200, "{\"open\":true}"));
        C4P.answer("POST", "/proposals", json(201, "{\"id\":\"" + newId() + "\",\"status\":\"PENDING\"}"));

        http.get().uri("/api/cfp")
                .header("Forwarded", "for=6.6.6.6;host=evil.example;proto=https")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/evil").header("X-Real-IP", "6.6.6.6")
                .header("X-XSRF-TOKEN", CSRF)
                .exchange().expectStatus().isOk();
        withCsrf(http.post().uri("/api/proposals")).header("X-Forwarded-Host", "evil.example").header("Forwarded", "for=6.6.6.6")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}")
                .exchange().expectStatus().isCreated();

        assertNoClaims(C4P.received("GET", "/cfp"));
        assertNoClaims(C4P.received("POST", "/proposals"));
    }

    @Test
    void agendaReadsReachAgendaServiceWithoutForwardingHeaders() {
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"));
        http.get().uri("/api/agenda").header("Forwarded", "host=evil.example").header("X-Forwarded-Host", "evil.example")
                .header("X-Real-IP", "6.6.6.6").exchange().expectStatus().isOk();
        assertNoClaims(AGENDA.received("GET", "/agenda-items"));
    }

    private static void assertNoClaims(List<FakeBackend.Received> requests) {
        assertThat(requests).isNotEmpty();
        for (FakeBackend.Received request : requests) {
            for (String header : CLAIMS) {
                assertThat(request.header(header)).as(header).isEmpty();
            }
        }
    }
}

package dev.conference.frontend.security;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import org.junit.jupiter.api.Test;

/** Requests are timed once, as a whole, not in every step of the security filter chain. */
class SecurityObservationsTest extends GatewayTest {

    @Test
    void requestsAreTimedButNotEachSecurityFilterOrAuthorization() {
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"));
        http.get().uri("/api/agenda").exchange().expectStatus().isOk();
        http.get().uri("/api/proposals").exchange().expectStatus().isUnauthorized();

        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("http_server_requests_seconds_count{")
                .doesNotContain("spring_security_filterchains", "spring_security_authorizations");
    }
}

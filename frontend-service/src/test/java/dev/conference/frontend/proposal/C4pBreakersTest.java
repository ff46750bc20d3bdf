package dev.conference.frontend.proposal;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The back office and the public pages call c4p-service through circuit breakers of their own: when the
 * organizers' routes fail (or are slow) and their breaker opens, speakers still submit and track proposals
 * and everyone still reads the CfP's status.
 */
class C4pBreakersTest extends GatewayTest {

    private static final String SUBMISSION =
            "{\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}";

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void failingOrganizerRoutesOpenTheirOwnBreakerAndThePublicRoutesStillReachC4p() {
        C4P.answer("GET", "/proposals", json(500, "{\"title\":\"Internal error\",\"status\":500}"));
        String session = login();
        for (int i = 0; i < 12; i++) {
            http.get().uri("/api/proposals").cookie("SESSION", session).exchange().expectStatus().is5xxServerError();
        }
        assertThat(breakers.circuitBreaker("c4p-organizers").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int reachedC4p = C4P.received("GET", "/proposals").size();
        http.get().uri("/api/proposals").cookie("SESSION", session).exchange().expectStatus().isEqualTo(503);
        assertThat(C4P.received("GET", "/proposals")).as("an open breaker answers without calling c4p").hasSize(reachedC4p);

        C4P.answer("GET", "/cfp", json(200, "{\"open\":true}"));
        C4P.answer("POST", "/proposals", json(201, "{\"id\":\"" + newId() + "\",\"status\":\"PENDING\"}"));
        C4P.answer("GET", "/proposals/track/abcdefghijklmnopqrstuvwxyz012345", json(200, "{\"status\":\"PENDING\"}"));
        http.get().uri("/api/cfp").exchange().expectStatus().isOk();
        withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON).bodyValue(SUBMISSION)
                .exchange().expectStatus().isCreated();
        http.get().uri("/api/proposals/track/abcdefghijklmnopqrstuvwxyz012345").exchange().expectStatus().isOk();
        assertThat(breakers.circuitBreaker("c4p-public").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}

package dev.conference.frontend.proposal;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FakeBackend.Answer;
import dev.conference.frontend.GatewayTest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * A speaker edits and withdraws a proposal through the gateway: public routes (the tracking token is the credential)
 * to c4p's {@code /proposals/track/{token}}, CSRF on both, the public breaker, and no retry of these writes.
 */
class SpeakerSelfServiceRoutesTest extends GatewayTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String TRACKED = "/api/proposals/track/" + TOKEN;
    private static final String EDIT = "{\"title\":\"T2\",\"abstract\":\"A2\",\"format\":\"WORKSHOP\",\"level\":null,\"speakerBio\":\"Bio\"}";

    @Autowired
    private CircuitBreakerRegistry breakers;

    record Change(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Change> changes() {
        return Stream.of(new Change(HttpMethod.PUT, TRACKED), new Change(HttpMethod.POST, TRACKED + "/withdrawal"));
    }

    @Test
    void anyoneWithTheTokenAndTheCsrfTokenEditsAPendingProposal() {
        C4P.answer("PUT", "/proposals/track/" + TOKEN, json(200, "{\"title\":\"T2\",\"status\":\"PENDING\",\"format\":\"WORKSHOP\"}"));

        withCsrf(http.put().uri(TRACKED)).contentType(MediaType.APPLICATION_JSON).bodyValue(EDIT).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("T2").jsonPath("$.format").isEqualTo("WORKSHOP");

        assertThat(C4P.received("PUT", "/proposals/track/" + TOKEN)).singleElement().satisfies(received -> {
            assertThat(received.body()).isEqualTo(EDIT);
            assertThat(received.header("Cookie")).isEmpty();
            assertThat(received.header("X-XSRF-TOKEN")).isEmpty();
        });
    }

    @Test
    void anyoneWithTheTokenAndTheCsrfTokenWithdrawsAProposal() {
        C4P.answer("POST", "/proposals/track/" + TOKEN + "/withdrawal",
                json(200, "{\"status\":\"WITHDRAWN\",\"withdrawnAt\":\"2027-04-01T10:00:00Z\"}"));

        withCsrf(http.post().uri(TRACKED + "/withdrawal")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");

        assertThat(C4P.received("POST", "/proposals/track/" + TOKEN + "/withdrawal")).hasSize(1);
    }

    @Test
    void c4psRefusalsPassThroughAsTheyAre() {
        C4P.answer("PUT", "/proposals/track/" + TOKEN, Answer.of(409, "application/problem+json",
                "{\"title\":\"Proposal no longer editable\",\"status\":409,\"code\":\"NOT_EDITABLE\",\"currentStatus\":\"APPROVED\"}"));
        C4P.answer("POST", "/proposals/track/" + TOKEN + "/withdrawal", Answer.of(409, "application/problem+json",
                "{\"title\":\"Proposal cannot be withdrawn\",\"status\":409,\"code\":\"NOT_WITHDRAWABLE\",\"currentStatus\":\"REJECTED\"}"));

        withCsrf(http.put().uri(TRACKED)).contentType(MediaType.APPLICATION_JSON).bodyValue(EDIT).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_EDITABLE").jsonPath("$.currentStatus").isEqualTo("APPROVED");
        withCsrf(http.post().uri(TRACKED + "/withdrawal")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_WITHDRAWABLE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeWithoutTheCsrfTokenIsRefused(Change change) {
        http.method(change.method()).uri(change.path()).contentType(MediaType.APPLICATION_JSON).bodyValue(EDIT).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.method(change.method()).uri(change.path()).cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(EDIT).exchange()
                .expectStatus().isForbidden();

        assertThat(C4P.received()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aFailingWriteIsNotRetriedAndCountsOnThePublicBreaker(Change change) {
        C4P.answer(change.method().name(), change.path().replaceFirst("^/api", ""),
                json(500, "{\"title\":\"Internal error\",\"status\":500}"));
        long failedBefore = breakers.circuitBreaker("c4p-public").getMetrics().getNumberOfFailedCalls();
        long organizersBefore = breakers.circuitBreaker("c4p-organizers").getMetrics().getNumberOfFailedCalls();

        withCsrf(http.method(change.method()).uri(change.path())).contentType(MediaType.APPLICATION_JSON).bodyValue(EDIT)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);

        assertThat(C4P.received(change.method().name(), change.path().replaceFirst("^/api", "")))
                .as("a write reaches c4p once").hasSize(1);
        assertThat(breakers.circuitBreaker("c4p-public").getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore + 1);
        assertThat(breakers.circuitBreaker("c4p-organizers").getMetrics().getNumberOfFailedCalls()).isEqualTo(organizersBefore);
    }

    @Test
    void otherCallsOnATrackedProposalAreNotPublic() {
        withCsrf(http.method(HttpMethod.DELETE).uri(TRACKED)).exchange().expectStatus().isUnauthorized();
        withCsrf(http.post().uri(TRACKED)).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        withCsrf(http.put().uri(TRACKED + "/withdrawal")).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        http.get().uri(TRACKED + "/withdrawal").exchange().expectStatus().isUnauthorized();

        assertThat(C4P.received()).isEmpty();
    }
}

package dev.conference.frontend;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Each route class has a bulkhead of its own: a crowd of slow organizer calls can use only the organizers' share
 * of c4p-service, and what is refused past it is a 503 with Retry-After; speakers and the CfP are not held up.
 */
class BulkheadsTest extends GatewayTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String SUBMISSION =
            "{\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}";

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void eightySlowDecisionsLeaveRoomForSubmittingTrackingAndTheCfp() throws Exception {
        // c4p-service works on 40 requests at once; the rest wait, as with its real pools.
        C4P.capacity(40);
        C4P.answer("GET", "/cfp", json(200, "{\"open\":true}"));
        C4P.answer("POST", "/proposals", json(201, "{\"id\":\"" + newId() + "\",\"status\":\"PENDING\"}"));
        C4P.answer("GET", "/proposals/track/" + TOKEN, json(200, "{\"status\":\"PENDING\"}"));
        String session = login();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String id = newId();
            ids.add(id);
            C4P.answer("POST", "/proposals/" + id + "/decision", json(200, "{}").after(Duration.ofSeconds(4)));
        }

        try (ExecutorService organizers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EntityExchangeResult<String>>> decisions = new ArrayList<>();
            for (String id : ids) {
                Thread.sleep(10);
                decisions.add(organizers.submit(() -> withCsrf(http.post().uri("/api/proposals/" + id + "/decision"))
                        .cookie("SESSION", session).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"decision\":\"APPROVED\"}").exchange().expectBody(String.class).returnResult()));
            }
            // Until c4p-service is busy with decisions, as far as the gateway lets them through.
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (C4P.received().size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            http.get().uri("/api/cfp").exchange().expectStatus().isOk();
            http.get().uri("/api/proposals/track/" + TOKEN).exchange().expectStatus().isOk();
            withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON).bodyValue(SUBMISSION)
                    .exchange().expectStatus().isCreated();

            int refused = 0;
            for (Future<EntityExchangeResult<String>> decision : decisions) {
                EntityExchangeResult<String> result = decision.get();
                if (result.getStatus().value() == 503) {
                    refused++;
                    assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
                    assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                }
            }
            assertThat(refused).as("decisions refused by the organizers' bulkhead").isGreaterThanOrEqualTo(60);
        }
        assertThat(breakers.circuitBreaker("c4p-public").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void agendaReadsPastTheirBulkheadAreAnsweredFromTheLastKnownGoodCopy() throws Exception {
        String agenda = "[{\"id\":\"a1\",\"title\":\"Keynote\"}]";
        AGENDA.answer("GET", "/agenda-items", json(200, agenda), json(200, agenda).after(Duration.ofMillis(900)));
        http.get().uri("/api/agenda").exchange().expectStatus().isOk();

        List<Future<EntityExchangeResult<String>>> reads = new ArrayList<>();
        try (ExecutorService visitors = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 130; i++) {
                reads.add(visitors.submit(() -> http.get().uri("/api/agenda").exchange().expectBody(String.class).returnResult()));
            }
            int stale = 0;
            for (Future<EntityExchangeResult<String>> read : reads) {
                EntityExchangeResult<String> result = read.get();
                assertThat(result.getStatus().value()).isEqualTo(200);
                assertThat(result.getResponseBody()).isEqualTo(agenda);
                if ("true".equals(result.getResponseHeaders().getFirst("X-Agenda-Stale"))) {
                    stale++;
                }
            }
            assertThat(stale).as("reads refused by the agenda-public bulkhead, answered from the copy").isGreaterThanOrEqualTo(10);
        }
        assertThat(AGENDA.received("GET", "/agenda-items").size()).isLessThanOrEqualTo(1 + 100 * 2);
    }

    @Test
    void clientErrorsFromC4pNeverOpenTheBreaker() {
        C4P.answer("GET", "/proposals/track/" + TOKEN, json(400, "{\"title\":\"Bad Request\",\"status\":400}"));
        for (int i = 0; i < 30; i++) {
            http.get().uri("/api/proposals/track/" + TOKEN).exchange().expectStatus().isBadRequest();
        }
        CircuitBreaker publicRoutes = breakers.circuitBreaker("c4p-public");
        assertThat(publicRoutes.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(publicRoutes.getMetrics().getNumberOfFailedCalls()).isZero();
    }
}

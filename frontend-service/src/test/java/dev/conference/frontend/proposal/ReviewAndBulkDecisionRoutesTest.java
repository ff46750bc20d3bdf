package dev.conference.frontend.proposal;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FakeBackend.Answer;
import dev.conference.frontend.GatewayTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The routes of reviews, the CSV export and bulk decisions: they reach c4p-service with their query and body, the
 * caller's name and role; c4p's answers pass through; a write is never retried, the export is retried once; they
 * count on the organizers' breaker.
 */
class ReviewAndBulkDecisionRoutesTest extends GatewayTest {

    private static final String CSV = "id,title\r\n1,'=SUM(A1)\r\n";

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void aReviewReachesTheProposalsReviewWithTheReviewersNameAndRole() {
        String session = login(REVIEWER, REVIEWER_PASSWORD);
        String id = newId();
        String review = "{\"score\":4,\"comment\":\"Clear outline.\\nGood demo.\"}";
        C4P.answer("PUT", "/proposals/" + id + "/reviews/mine", json(200, "{\"id\":\"" + id + "\",\"averageScore\":4.0}"));

        withCsrf(http.put().uri("/api/proposals/" + id + "/reviews/mine")).cookie("SESSION", session)
                .header("X-Organizer", "olivia")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(review)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.averageScore").isEqualTo(4.0);

        assertThat(C4P.received("PUT", "/proposals/" + id + "/reviews/mine")).singleElement().satisfies(received -> {
            assertThat(received.body()).isEqualTo(review);
            assertThat(received.header("X-Organizer")).containsExactly(REVIEWER);
            assertThat(received.header("X-Back-Office-Role")).containsExactly("REVIEWER");
            assertThat(received.header("Cookie")).isEmpty();
        });
    }

    @Test
    void c4psRefusalsOfAReviewPassThrough() {
        String session = login();
        String id = newId();
        C4P.answer("PUT", "/proposals/" + id + "/reviews/mine", Answer.of(400, "application/problem+json",
                "{\"title\":\"Bad Request\",\"status\":400,\"errors\":[{\"field\":\"score\",\"message\":\"must be between 1 and 5\"}]}"));

        withCsrf(http.put().uri("/api/proposals/" + id + "/reviews/mine")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\":6}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("score");
    }

    @Test
    void theExportReachesTheCsvWithItsFiltersAndComesBackAsADownload() {
        String session = login(REVIEWER, REVIEWER_PASSWORD);
        C4P.answer("GET", "/proposals.csv", Answer.of(200, "text/csv; charset=UTF-8", CSV)
                .withHeader("Content-Disposition", "attachment; filename=\"proposals.csv\""));

        http.get().uri("/api/proposals.csv?status=PENDING&q=outbox&reviewed=notMine&sort=score").cookie("SESSION", session)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"proposals.csv\"")
                .expectBody(String.class).isEqualTo(CSV);

        assertThat(C4P.received("GET", "/proposals.csv?status=PENDING&q=outbox&reviewed=notMine&sort=score"))
                .singleElement().satisfies(received -> {
                    assertThat(received.header("X-Organizer")).containsExactly(REVIEWER);
                    assertThat(received.header("X-Back-Office-Role")).containsExactly("REVIEWER");
                });
    }

    @Test
    void theListPassesTheCallerOnForItsReviewedFilter() {
        String session = login();
        C4P.answer("GET", "/proposals", json(200, "{\"items\":[]}"));

        http.get().uri("/api/proposals?reviewed=mine&sort=score").cookie("SESSION", session).exchange().expectStatus().isOk();

        assertThat(C4P.received("GET", "/proposals?reviewed=mine&sort=score")).singleElement().satisfies(received -> {
            assertThat(received.header("X-Organizer")).containsExactly(ORGANIZER);
            assertThat(received.header("X-Back-Office-Role")).containsExactly("ORGANIZER");
        });
    }

    @Test
    void theExportIsRetriedOnceWhenC4pStumbles() {
        String session = login();
        C4P.answer("GET", "/proposals.csv", json(503, "{}"), Answer.of(200, "text/csv; charset=UTF-8", CSV));

        http.get().uri("/api/proposals.csv").cookie("SESSION", session).exchange().expectStatus().isOk();

        assertThat(C4P.received("GET", "/proposals.csv")).hasSize(2);
    }

    @Test
    void aBulkDecisionReachesDecisionsAndItsPerProposalResultsPassThrough() {
        String session = login();
        String body = "{\"proposalIds\":[\"" + newId() + "\",\"" + newId() + "\"],\"decision\":\"REJECTED\"}";
        String results = "{\"results\":[{\"proposalId\":\"a\",\"status\":200},{\"proposalId\":\"b\",\"status\":409}]}";
        C4P.answer("POST", "/decisions", json(200, results));

        withCsrf(http.post().uri("/api/decisions")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody().json(results);

        assertThat(C4P.received("POST", "/decisions")).singleElement().satisfies(received -> {
            assertThat(received.body()).isEqualTo(body);
            assertThat(received.header("X-Organizer")).containsExactly(ORGANIZER);
            assertThat(received.header("X-Back-Office-Role")).containsExactly("ORGANIZER");
        });
    }

    @Test
    void aFailingBulkDecisionIsAnswered503AndNeverRetried() {
        String session = login();
        C4P.answer("POST", "/decisions", json(500, "{}"));

        withCsrf(http.post().uri("/api/decisions")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"proposalIds\":[\"" + newId() + "\"],\"decision\":\"APPROVED\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);

        assertThat(C4P.received("POST", "/decisions")).hasSize(1);
    }

    @Test
    void aFailingReviewIsAnswered503AndNeverRetried() {
        String session = login(REVIEWER, REVIEWER_PASSWORD);
        String id = newId();
        C4P.answer("PUT", "/proposals/" + id + "/reviews/mine", json(500, "{}"));

        withCsrf(http.put().uri("/api/proposals/" + id + "/reviews/mine")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\":3}")
                .exchange()
                .expectStatus().isEqualTo(503);

        assertThat(C4P.received("PUT", "/proposals/" + id + "/reviews/mine")).hasSize(1);
    }

    @Test
    void failingReviewsAndBulkDecisionsOpenTheOrganizersBreakerNotThePublicOne() {
        String session = login();
        String reviewed = newId();
        C4P.answer("POST", "/decisions", json(500, "{}"));
        C4P.answer("PUT", "/proposals/" + reviewed + "/reviews/mine", json(500, "{}"));
        for (int i = 0; i < 12; i++) {
            if (i % 2 == 0) {
                withCsrf(http.post().uri("/api/decisions")).cookie("SESSION", session)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"proposalIds\":[\"" + newId() + "\"],\"decision\":\"APPROVED\"}")
                        .exchange().expectStatus().is5xxServerError();
            } else {
                withCsrf(http.put().uri("/api/proposals/" + reviewed + "/reviews/mine")).cookie("SESSION", session)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\":4}")
                        .exchange().expectStatus().is5xxServerError();
            }
        }

        assertThat(C4P.received("PUT", "/proposals/" + reviewed + "/reviews/mine")).as("failing reviews reached c4p").isNotEmpty();
        assertThat(breakers.circuitBreaker("c4p-organizers").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.circuitBreaker("c4p-public").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}

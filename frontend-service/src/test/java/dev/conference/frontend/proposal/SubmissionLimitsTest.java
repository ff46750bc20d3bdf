package dev.conference.frontend.proposal;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import dev.conference.web.ProblemJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.function.BodyInserters;

/** Speakers are rate limited per client (429), and no request body may be huge (413). */
class SubmissionLimitsTest extends GatewayTest {

    private static final String SUBMISSION =
            "{\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}";

    private WebTestClient.ResponseSpec submitAs(String client) {
        return withCsrf(http.post().uri("/api/proposals")).header("X-Forwarded-For", client)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(SUBMISSION).exchange();
    }

    @Test
    void submissionsBeyondTheBurstAreRefusedWith429AndRetryAfter() {
        C4P.answer("POST", "/proposals", json(201, "{\"id\":\"x\"}"));
        String client = "192.0.2." + (int) (Math.random() * 250);

        for (int i = 0; i < 3; i++) {
            submitAs(client).expectStatus().isCreated();
        }
        submitAs(client)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectBody().jsonPath("$.title").isEqualTo("Too many submissions");

        assertThat(C4P.received("POST", "/proposals")).hasSize(3);
        submitAs("198.51.100." + (int) (Math.random() * 250)).expectStatus().isCreated();
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedWith413() {
        String huge = "{\"title\":\"" + "x".repeat(70_000) + "\"}";

        assertTooLargeAndNotForwarded(
                withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aChunkedBodyThatGrowsTooLargeIsRefusedWith413() {
        DataBuffer chunk = DefaultDataBufferFactory.sharedInstance.wrap("x".repeat(8_192).getBytes());
        Flux<DataBuffer> chunks = Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                chunk.toString(java.nio.charset.StandardCharsets.UTF_8).getBytes()));

        assertTooLargeAndNotForwarded(withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks)).exchange());
    }

    /** 413 with the problem of a body over the 64 KiB limit, and nothing reached c4p-service. */
    private static void assertTooLargeAndNotForwarded(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.title").isEqualTo(ProblemJson.TOO_LARGE_TITLE)
                .jsonPath("$.detail").isEqualTo(ProblemJson.tooLargeDetail(65536));

        assertThat(C4P.received()).isEmpty();
    }

    @Test
    void aHugeLoginFormIsRefusedWith413() {
        withCsrf(http.post().uri("/login")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", ORGANIZER).with("password", "p".repeat(100_000)))
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void c4pDownAnswersASubmissionWith503ProblemAndRetryAfter() {
        C4P.stop();

        withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON).bodyValue(SUBMISSION)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("c4p-service"));
    }

    @Test
    void aFailingDecisionIsAnswered503AndNotRetried() {
        String session = login();
        String id = newId();
        C4P.answer("POST", "/proposals/" + id + "/decision", json(500, "{}"));

        withCsrf(http.post().uri("/api/proposals/" + id + "/decision")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"decision\":\"APPROVED\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);

        assertThat(C4P.received("POST", "/proposals/" + id + "/decision")).hasSize(1);
    }

    @Test
    void readsAreRetriedOnceWhenC4pStumbles() {
        String session = login();
        C4P.answer("GET", "/notifications", json(503, "{}"), json(200, "{\"items\":[]}"));

        http.get().uri("/api/notifications").cookie("SESSION", session).exchange().expectStatus().isOk();

        assertThat(C4P.received("GET", "/notifications")).hasSize(2);
    }

    @Test
    void c4pAnswersThatAreNotFailuresPassThroughUnchanged() {
        C4P.answer("POST", "/proposals", dev.conference.frontend.FakeBackend.Answer.of(400, "application/problem+json",
                "{\"title\":\"Bad Request\",\"status\":400,\"errors\":[{\"field\":\"speakerEmail\",\"message\":\"must be a well-formed email address\"}]}"));

        withCsrf(http.post().uri("/api/proposals")).contentType(MediaType.APPLICATION_JSON).bodyValue(SUBMISSION)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("speakerEmail");
        assertThat(Duration.ZERO).isZero();
    }
}

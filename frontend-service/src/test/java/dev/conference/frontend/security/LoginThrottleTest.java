package dev.conference.frontend.security;

import static dev.conference.testsupport.Eventually.eventually;

import dev.conference.frontend.GatewayTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Wrong passwords make the next logins wait, per user name and per client, and the wait is a 429 with Retry-After. */
class LoginThrottleTest extends GatewayTest {

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaitsThenWorksAndStartsAfresh() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            attempt(ORGANIZER, "wrong " + i).expectStatus().isUnauthorized();
        }
        attempt(ORGANIZER, PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        Thread.sleep(1_100);
        attempt(ORGANIZER, PASSWORD).expectStatus().isOk();
        attempt(ORGANIZER, "wrong again").expectStatus().isUnauthorized();
        attempt(ORGANIZER, PASSWORD).expectStatus().isOk();
    }

    /** Reviewers log in through the same form: the same backoff, whatever the role. */
    @Test
    void aReviewersWrongPasswordsMakeTheRightOneWaitToo() {
        for (int i = 0; i < 5; i++) {
            attempt(REVIEWER, "wrong " + i).expectStatus().isUnauthorized();
        }
        attempt(REVIEWER, REVIEWER_PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1");

        // The other tests log the reviewer in: a login that works clears the count.
        eventually(Duration.ofSeconds(5), () -> attempt(REVIEWER, REVIEWER_PASSWORD).returnResult(String.class)
                .getStatus().value() == 200, "the reviewer's right password works again");
    }

    @Test
    void eachFurtherFailureDoublesTheWait() throws InterruptedException {
        String user = "nosuchuser";
        for (int i = 0; i < 5; i++) {
            attempt(user, "guess " + i).expectStatus().isUnauthorized();
        }
        Thread.sleep(1_100);
        attempt(user, "guess 5").expectStatus().isUnauthorized();
        attempt(user, "guess 6").expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "2");
    }

    @Test
    void oneClientTryingManyUserNamesWaitsToo() {
        WebTestClient client = http.mutate().defaultHeader("X-Forwarded-For", "10.77.0.1").build();
        for (int i = 0; i < 20; i++) {
            attempt(client, "user" + i, "guess").expectStatus().isUnauthorized();
        }
        attempt(client, "user20", "guess").expectStatus().isEqualTo(429);
        // Another client is not held up.
        attempt(http.mutate().defaultHeader("X-Forwarded-For", "10.77.0.2").build(), "user21", "guess").expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec attempt(String username, String password) {
        return attempt(http, username, password);
    }

    private static WebTestClient.ResponseSpec attempt(WebTestClient client, String username, String password) {
        return client.post().uri("/login").cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF)
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchange();
    }
}

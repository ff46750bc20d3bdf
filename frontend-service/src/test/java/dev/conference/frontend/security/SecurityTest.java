package dev.conference.frontend.security;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import dev.conference.frontend.GatewayTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Who may call what, CSRF, the organizer's name on decisions, and the security headers. */
class SecurityTest extends GatewayTest {

    private static final String ID = "0b7e4c1e-5a57-4a83-9a5e-8d5f0c9b2a11";

    @Autowired
    private ApplicationContext context;

    @Autowired
    private StringRedisTemplate redis;

    record Call(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every back-office route: organizers may call each; reviewers those {@link #reviewerRoutes()} lists. */
    static Stream<Call> organizerRoutes() {
        return Stream.of(
                new Call(HttpMethod.GET, "/api/proposals"),
                new Call(HttpMethod.GET, "/api/proposals?status=PENDING"),
                new Call(HttpMethod.GET, "/api/proposals/" + ID),
                new Call(HttpMethod.GET, "/api/proposals.csv"),
                new Call(HttpMethod.PUT, "/api/proposals/" + ID + "/reviews/mine"),
                new Call(HttpMethod.POST, "/api/proposals/" + ID + "/decision"),
                new Call(HttpMethod.POST, "/api/decisions"),
                new Call(HttpMethod.GET, "/api/notifications"),
                new Call(HttpMethod.GET, "/api/slots"),
                new Call(HttpMethod.PUT, "/api/agenda/" + ID + "/slot"),
                new Call(HttpMethod.DELETE, "/api/agenda/" + ID));
    }

    /** A reviewer's row of the matrix: the route, and where it reaches c4p-service when allowed. */
    record ReviewerCall(HttpMethod method, String path, String c4pPath) {
        boolean allowed() {
            return c4pPath != null;
        }

        @Override
        public String toString() {
            return method + " " + path + (allowed() ? " → c4p " + c4pPath : " → 403");
        }
    }

    static Stream<ReviewerCall> reviewerRoutes() {
        return Stream.of(
                new ReviewerCall(HttpMethod.GET, "/api/proposals", "/proposals"),
                new ReviewerCall(HttpMethod.GET, "/api/proposals?reviewed=notMine&sort=score", "/proposals"),
                new ReviewerCall(HttpMethod.GET, "/api/proposals/" + ID, "/proposals/" + ID),
                new ReviewerCall(HttpMethod.GET, "/api/proposals.csv?status=PENDING", "/proposals.csv"),
                new ReviewerCall(HttpMethod.PUT, "/api/proposals/" + ID + "/reviews/mine", "/proposals/" + ID + "/reviews/mine"),
                new ReviewerCall(HttpMethod.GET, "/api/cfp", "/cfp"),
                new ReviewerCall(HttpMethod.POST, "/api/proposals/" + ID + "/decision", null),
                new ReviewerCall(HttpMethod.POST, "/api/decisions", null),
                new ReviewerCall(HttpMethod.GET, "/api/notifications", null),
                new ReviewerCall(HttpMethod.GET, "/api/slots", null),
                new ReviewerCall(HttpMethod.PUT, "/api/agenda/" + ID + "/slot", null),
                new ReviewerCall(HttpMethod.DELETE, "/api/agenda/" + ID, null));
    }

    @Test
    void theReviewerMatrixCoversEveryBackOfficeRoute() {
        assertThat(reviewerRoutes().map(call -> call.method() + " " + call.path().replaceAll("\\?.*", "")).distinct())
                .containsAll(organizerRoutes().map(call -> call.method() + " " + call.path().replaceAll("\\?.*", "")).toList());
    }

    /**
     * Reviewers read proposals, export them and write their own review, with their name and role passed on; every
     * other back-office route is 403 for them and never reaches a backend.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reviewerRoutes")
    void reviewersMayReadAndReviewAndNothingElseOfTheBackOffice(ReviewerCall call) {
        String session = login(REVIEWER, REVIEWER_PASSWORD);
        if (call.allowed()) {
            C4P.answer(call.method().name(), call.c4pPath(), json(200, "{}"));
        }

        WebTestClient.ResponseSpec response = withCsrf(http.method(call.method()).uri(call.path()))
                .cookie("SESSION", session).header("X-Back-Office-Role", "ORGANIZER")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange();

        if (call.allowed()) {
            response.expectStatus().isOk();
            assertThat(C4P.received()).singleElement().satisfies(received -> {
                assertThat(received.pathAndQuery()).startsWith(call.c4pPath());
                if (!call.path().equals("/api/cfp")) {
                    assertThat(received.header("X-Organizer")).containsExactly(REVIEWER);
                    assertThat(received.header("X-Back-Office-Role")).containsExactly("REVIEWER");
                }
            });
        } else {
            response.expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(C4P.received()).isEmpty();
        }
        assertThat(AGENDA.received()).isEmpty();
    }

    @Test
    void aReviewersWritesNeedTheCsrfTokenToo() {
        String session = login(REVIEWER, REVIEWER_PASSWORD);

        http.put().uri("/api/proposals/" + ID + "/reviews/mine").cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\":4}").exchange()
                .expectStatus().isForbidden();
        http.put().uri("/api/proposals/" + ID + "/reviews/mine").cookie("SESSION", session)
                .cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\":4}").exchange()
                .expectStatus().isForbidden();

        assertThat(C4P.received()).isEmpty();
    }

    @Test
    void anOrganizersBulkDecisionNeedsTheCsrfToken() {
        String session = login();

        http.post().uri("/api/decisions").cookie("SESSION", session).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"proposalIds\":[\"" + ID + "\"],\"decision\":\"APPROVED\"}").exchange()
                .expectStatus().isForbidden();

        assertThat(C4P.received()).isEmpty();
    }

    @Test
    void theSessionSaysWhichRoleTheUserHas() {
        http.get().uri("/api/session").cookie("SESSION", login(REVIEWER, REVIEWER_PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo(REVIEWER)
                .jsonPath("$.organizer").isEqualTo(false)
                .jsonPath("$.role").isEqualTo("REVIEWER");
        http.get().uri("/api/session").cookie("SESSION", login()).exchange()
                .expectBody().jsonPath("$.role").isEqualTo("ORGANIZER");
        http.get().uri("/api/session").cookie("SESSION", login(BOTH, BOTH_PASSWORD)).exchange()
                .expectBody()
                .jsonPath("$.organizer").isEqualTo(true)
                .jsonPath("$.role").isEqualTo("ORGANIZER");
        WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build()
                .mutateWith(mockOidcLogin().authorities(new SimpleGrantedAuthority("OIDC_USER")))
                .get().uri("/api/session").exchange()
                .expectBody().jsonPath("$.role").isEmpty();
    }

    @Test
    void aScriptsLoginAnswersTheRole() {
        withCsrf(http.post().uri("/login")).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", REVIEWER).with("password", REVIEWER_PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("REVIEWER").jsonPath("$.organizer").isEqualTo(false);
    }

    @Test
    void aNameListedAsOrganizerAndReviewerDecidesAsOrganizer() {
        String session = login(BOTH, BOTH_PASSWORD);
        C4P.answer("POST", "/decisions", json(200, "{\"results\":[]}"));

        withCsrf(http.post().uri("/api/decisions")).cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"proposalIds\":[\"" + ID + "\"],\"decision\":\"APPROVED\"}")
                .exchange()
                .expectStatus().isOk();

        assertThat(C4P.received("POST", "/decisions")).singleElement().satisfies(received -> {
            assertThat(received.header("X-Organizer")).containsExactly(BOTH);
            assertThat(received.header("X-Back-Office-Role")).containsExactly("ORGANIZER");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("organizerRoutes")
    void everyOrganizerRouteRefusesAnonymousCallers(Call call) {
        withCsrf(http.method(call.method()).uri(call.path())).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(C4P.received()).isEmpty();
        assertThat(AGENDA.received()).isEmpty();
    }

    /** A non-organizer: someone the OIDC provider knows, whose groups do not include the organizers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("organizerRoutes")
    void everyOrganizerRouteRefusesLoggedInUsersWhoAreNotOrganizers(Call call) {
        WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build()
                .mutateWith(mockOidcLogin().authorities(new SimpleGrantedAuthority("OIDC_USER")))
                .mutateWith(csrf())
                .method(call.method()).uri(call.path()).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(C4P.received()).isEmpty();
        assertThat(AGENDA.received()).isEmpty();
    }

    @Test
    void aUserWhoIsNotAnOrganizerSeesThatInTheirSession() {
        WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build()
                .mutateWith(mockOidcLogin().authorities(new SimpleGrantedAuthority("OIDC_USER")))
                .get().uri("/api/session").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.organizer").isEqualTo(false);
    }

    @Test
    void organizerLogsInWithAPasswordAndTheSessionLivesInRedis() {
        String session = login();

        http.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo(ORGANIZER)
                .jsonPath("$.organizer").isEqualTo(true);
        assertThat(redis.keys(REDIS.keyPrefix() + "session*")).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsRefused() {
        withCsrf(http.post().uri("/login")).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", ORGANIZER).with("password", "guess"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectCookie().doesNotExist("SESSION");
        http.get().uri("/api/session").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void logoutEndsTheSession() {
        String session = login();

        withCsrf(http.post().uri("/logout")).cookie("SESSION", session).exchange().expectStatus().isNoContent();

        http.get().uri("/api/session").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void stateChangingCallsWithoutTheCsrfTokenAreRefused() {
        String session = login();

        http.post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/proposals/" + ID + "/decision").cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"decision\":\"APPROVED\"}").exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/proposals/" + ID + "/decision").cookie("SESSION", session)
                .cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"decision\":\"APPROVED\"}").exchange()
                .expectStatus().isForbidden();
        http.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", ORGANIZER).with("password", PASSWORD)).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/logout").cookie("SESSION", session).exchange().expectStatus().isForbidden();

        assertThat(C4P.received()).isEmpty();
        http.get().uri("/api/session").cookie("SESSION", session).exchange().expectStatus().isOk();
    }

    @Test
    void pagesHandTheBrowserItsCsrfCookie() {
        http.get().uri("/").exchange().expectStatus().isOk()
                .expectCookie().exists("XSRF-TOKEN")
                .expectCookie().httpOnly("XSRF-TOKEN", false);
    }

    @Test
    void decisionsCarryTheLoggedInOrganizerAndNeverTheClientsClaim() {
        String session = login();
        C4P.answer("POST", "/proposals/" + ID + "/decision", json(200, "{\"id\":\"" + ID + "\",\"status\":\"APPROVED\"}"));

        withCsrf(http.post().uri("/api/proposals/" + ID + "/decision")).cookie("SESSION", session)
                .header("X-Organizer", "mallory")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"decision\":\"APPROVED\"}")
                .exchange()
                .expectStatus().isOk();

        assertThat(C4P.received("POST", "/proposals/" + ID + "/decision")).singleElement()
                .satisfies(received -> {
                    assertThat(received.header("X-Organizer")).containsExactly(ORGANIZER);
                    assertThat(received.header("X-Back-Office-Role")).containsExactly("ORGANIZER");
                });
    }

    @Test
    void noOtherRouteForwardsAClientsOrganizerOrRoleHeader() {
        C4P.answer("GET", "/proposals/track/t1", json(200, "{}"));

        http.get().uri("/api/proposals/track/t1").header("X-Organizer", "mallory").header("X-Back-Office-Role", "ORGANIZER")
                .exchange().expectStatus().isOk();

        assertThat(C4P.received("GET", "/proposals/track/t1")).singleElement()
                .satisfies(received -> {
                    assertThat(received.header("X-Organizer")).isEmpty();
                    assertThat(received.header("X-Back-Office-Role")).isEmpty();
                });
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/api/session", "/js/api.js")) {
            http.get().uri(path).exchange()
                    .expectHeader().valueEquals("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin");
        }
    }

    @Test
    void healthAndPrometheusArePublicAndNothingElseOfTheActuatorIs() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.details").doesNotExist();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("resilience4j_circuitbreaker_state"));
        for (String hidden : List.of("/actuator/env", "/actuator/gateway/routes", "/actuator/configprops", "/actuator")) {
            http.get().uri(hidden).exchange().expectStatus().isUnauthorized();
        }
        String session = login();
        http.get().uri("/actuator/env").cookie("SESSION", session).exchange().expectStatus().isForbidden();
    }

    @Test
    void theSessionCookieIsHttpOnly() {
        http.post().uri("/login").cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF)
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", ORGANIZER).with("password", PASSWORD))
                .exchange()
                .expectCookie().httpOnly("SESSION", true)
                .expectCookie().sameSite("SESSION", "Lax")
                .expectHeader().value(HttpHeaders.SET_COOKIE, value -> assertThat(value).isNotBlank());
    }
}

package dev.conference.frontend;

import dev.conference.testsupport.TestRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The frontend as it runs: a real server on a random port, real Redis (its own key prefix), and
 * c4p-service and agenda-service replaced by fakes that a test can make answer, fail, hang or vanish.
 * All test classes that extend this one share one application context.
 */
// Without a micro-cache every read reaches the fake agenda-service, so failures show at once.
@TestPropertySource(properties = "frontend.agenda.micro-cache-ttl=0s")
public abstract class GatewayTest extends RandomPortFrontendTest {

    protected static final FakeBackend C4P = new FakeBackend();
    protected static final FakeBackend AGENDA = new FakeBackend();
    protected static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend");
    protected static final String ORGANIZER = "olivia";
    protected static final String PASSWORD = "correct horse battery";
    /** A reviewer: reads and scores proposals, decides nothing. */
    protected static final String REVIEWER = "rita";
    protected static final String REVIEWER_PASSWORD = "staple battery horse";
    /** Listed as organizer and as reviewer (each with a password of its own): an organizer. */
    protected static final String BOTH = "oscar";
    protected static final String BOTH_PASSWORD = "oscar's organizer password";
    /** The CSRF token a test's browser holds: in the cookie and, when the script sends it, in the header. */
    protected static final String CSRF = "test-csrf-token";

    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    @DynamicPropertySource
    static void frontend(DynamicPropertyRegistry registry) {
        registry.add("frontend.c4p-url", C4P::url);
        registry.add("frontend.agenda-url", AGENDA::url);
        registry.add("frontend.organizers." + ORGANIZER, () -> HASH);
        registry.add("frontend.reviewers." + REVIEWER, () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(REVIEWER_PASSWORD));
        registry.add("frontend.organizers." + BOTH, () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(BOTH_PASSWORD));
        registry.add("frontend.reviewers." + BOTH, () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("oscar's reviewer password"));
        registry.add("frontend.submissions.trusted-proxies", () -> "1");
        registry.add("frontend.submissions.burst", () -> "3");
        registry.add("frontend.submissions.per-minute", () -> "1");
        registry.add("frontend.schedules.burst", () -> "2");
        registry.add("frontend.schedules.per-minute", () -> "1");
        REDIS.register(registry, "frontend.key-prefix");
    }

    @BeforeEach
    void resetWorld() {
        C4P.reset();
        AGENDA.reset();
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    /** Each test is its own client for the submission rate limit. */
    @Override
    protected WebTestClient.Builder newClient() {
        return super.newClient()
                .defaultHeader("X-Forwarded-For", "10.1." + (CLIENTS.incrementAndGet() % 250) + "." + (1 + (int) (Math.random() * 250)));
    }

    /** Adds the CSRF cookie and header as the pages' script does. */
    protected static WebTestClient.RequestBodySpec withCsrf(WebTestClient.RequestBodySpec request) {
        return request.cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF);
    }

    /** Logs the organizer in with the password form and answers the session cookie's value. */
    protected String login() {
        return login(ORGANIZER, PASSWORD);
    }

    protected String login(String username, String password) {
        ResponseCookie session = withCsrf(http.post().uri("/login"))
                .accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseCookies().getFirst("SESSION");
        if (session == null) {
            throw new AssertionError("The login set no SESSION cookie");
        }
        return session.getValue();
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }
}

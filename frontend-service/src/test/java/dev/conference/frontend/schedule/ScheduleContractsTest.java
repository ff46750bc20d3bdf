package dev.conference.frontend.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import dev.conference.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The schedule routes against the stubs agenda-service publishes from its contracts
 * ({@code contracts/frontend/schedules}): each call reaches agenda-service in the shape it promises.
 */
// A context of its own: without the shutdown drain it closes at once when the test JVM exits.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "platform.shutdown.drain=0s")
class ScheduleContractsTest {

    @RegisterExtension
    static StubRunnerExtension stubs = new StubRunnerExtension()
            .downloadStub("dev.conference", "agenda-service", "+", "stubs")
            .stubsMode(StubRunnerProperties.StubsMode.CLASSPATH);

    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend-schedule-contracts");
    private static final String CSRF = "contract-csrf-token";
    private static final String SCHEDULE = "/api/schedules/ScheduleContractToken0";

    @LocalServerPort
    int port;

    WebTestClient http;

    @DynamicPropertySource
    static void producers(DynamicPropertyRegistry registry) {
        registry.add("frontend.agenda-url", () -> stubs.findStubUrl("agenda-service").toString());
        registry.add("frontend.key-prefix", REDIS::keyPrefix);
        registry.add("spring.data.redis.host", REDIS::host);
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("spring.data.redis.password", REDIS::password);
    }

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer(GatewayTest.freshConnections()).baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    @Test
    void anAttendeeCreatesASchedule() {
        withCsrf(http.post().uri("/api/schedules")).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/schedules/[A-Za-z0-9_-]{22}")
                .expectBody()
                .jsonPath("$.token").value(token -> assertThat((String) token).matches("[A-Za-z0-9_-]{22}"))
                .jsonPath("$.talks").isEmpty();
    }

    @Test
    void theScheduleListsItsTalksAsTheAgendaDoes() {
        http.get().uri(SCHEDULE).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.token").isEqualTo("ScheduleContractToken0")
                .jsonPath("$.talks[0].title").isEqualTo("Records in depth")
                .jsonPath("$.talks[0].room").isEqualTo("Main Hall");
    }

    @Test
    void anUnknownScheduleIsNotFound() {
        http.get().uri("/api/schedules/UnknownScheduleToken00").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("SCHEDULE_NOT_FOUND");
    }

    @Test
    void addingAndRemovingTalks() {
        withCsrf(http.put().uri(SCHEDULE + "/talks/0a9e0d00-0000-4000-8000-000000000002")).exchange()
                .expectStatus().isNoContent();
        withCsrf(http.method(HttpMethod.DELETE).uri(SCHEDULE + "/talks/0a9e0d00-0000-4000-8000-000000000001")).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void addingATalkThatIsNotOnTheAgendaIsNotFound() {
        withCsrf(http.put().uri(SCHEDULE + "/talks/0a9e0d00-0000-4000-8000-0000000000aa")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Agenda item not found");
    }

    @Test
    void theScheduleAsACalendarFeed() {
        http.get().uri(SCHEDULE + ".ics").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/calendar")
                .expectBody(String.class).value(calendar -> assertThat(calendar)
                        .contains("UID:0a9e0d00-0000-4000-8000-000000000001@conference-platform"));
    }

    private WebTestClient.RequestBodySpec withCsrf(WebTestClient.RequestBodySpec request) {
        return request.cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF);
    }
}

package dev.conference.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.springframework.web.reactive.function.BodyInserters;

/**
 * The gateway's routes against the stubs c4p-service and agenda-service publish from their contracts:
 * every call the browser makes through the gateway reaches a producer in the shape the producer
 * promises, and the answer comes back as the UI expects it.
 */
@TestPropertySource(properties = "frontend.agenda.micro-cache-ttl=0s")
class ProducerContractsTest extends RandomPortFrontendTest {

    @RegisterExtension
    static StubRunnerExtension stubs = new StubRunnerExtension()
            .downloadStub("dev.conference", "c4p-service", "+", "stubs")
            .downloadStub("dev.conference", "agenda-service", "+", "stubs")
            .stubsMode(StubRunnerProperties.StubsMode.CLASSPATH);

    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend-contracts");
    private static final String CSRF = "contract-csrf-token";

    @DynamicPropertySource
    static void producers(DynamicPropertyRegistry registry) {
        registry.add("frontend.c4p-url", () -> stubs.findStubUrl("c4p-service").toString());
        registry.add("frontend.agenda-url", () -> stubs.findStubUrl("agenda-service").toString());
        registry.add("frontend.organizers.olivia", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret"));
        REDIS.register(registry, "frontend.key-prefix");
    }

    @Test
    void agendaListsTheTalksInOrder() {
        http.get().uri("/api/agenda").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].title").isEqualTo("Records in depth")
                .jsonPath("$[0].room").isEqualTo("Main Hall")
                .jsonPath("$[1].speakerName").isEqualTo("Grace Hopper")
                .jsonPath("$[1].startTime").isEqualTo("09:00");
    }

    @Test
    void agendaOfOneDay() {
        http.get().uri("/api/agenda?day=2027-05-12").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(2);
    }

    @Test
    void oneAgendaItem() {
        http.get().uri("/api/agenda/0a9e0d00-0000-4000-8000-000000000002").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("Virtual threads, really");
    }

    @Test
    void unknownAgendaItemIsNotFound() {
        http.get().uri("/api/agenda/0a9e0d00-0000-4000-8000-0000000000aa").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aDayThatIsNotAConferenceDayIsNotFound() {
        http.get().uri("/api/agenda?day=2031-01-01").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void agendaAsICalendar() {
        http.get().uri("/api/agenda.ics").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/calendar");
    }

    @Test
    void submissionIsCreatedWithATrackingToken() {
        withCsrf(http.post().uri("/api/proposals"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"title":"Streams, calmly","abstract":"Backpressure explained.","speakerName":"Barbara Liskov",\
                        "speakerEmail":"barbara@example.com"}""")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/proposals/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.status").isEqualTo("PENDING")
                .jsonPath("$.trackingToken").isNotEmpty();
    }

    @Test
    void invalidSubmissionListsTheBadFields() {
        withCsrf(http.post().uri("/api/proposals"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"title":"","abstract":"Backpressure explained.","speakerName":"Barbara Liskov",\
                        "speakerEmail":"not-an-address"}""")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat(fields.toString()).contains("title", "speakerEmail"));
    }

    @Test
    void speakerTracksTheirProposal() {
        http.get().uri("/api/proposals/track/track-outboxes").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED");
    }

    @Test
    void cfpStatus() {
        http.get().uri("/api/cfp").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.open").isEqualTo(true);
    }

    @Test
    void organizerListsPendingProposals() {
        http.get().uri("/api/proposals?status=PENDING&page=0&size=20").cookie("SESSION", login()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totalItems").isEqualTo(2)
                .jsonPath("$.items[0].title").isEqualTo("Virtual threads, really");
    }

    @Test
    void organizerReadsOneProposal() {
        http.get().uri("/api/proposals/c4900000-0000-4000-8000-000000000013").cookie("SESSION", login()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.decidedBy").isEqualTo("olivia");
    }

    @Test
    void organizerApproves() {
        asOrganizer(http.post().uri("/api/proposals/c4900000-0000-4000-8000-000000000011/decision"),
                "{\"decision\":\"APPROVED\"}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED");
    }

    @Test
    void contradictingADecisionIsAConflict() {
        asOrganizer(http.post().uri("/api/proposals/c4900000-0000-4000-8000-000000000013/decision"),
                "{\"decision\":\"REJECTED\"}")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("ALREADY_DECIDED");
    }

    @Test
    void movingATalkToATakenSlotIsAConflict() {
        asOrganizer(http.put().uri("/api/agenda/0a9e0d00-0000-4000-8000-000000000001/slot"),
                "{\"day\":\"2027-05-12\",\"startTime\":\"09:00\",\"room\":\"Room A\"}")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("SLOT_TAKEN");
    }

    /** Sends this JSON as the logged-in organizer, through the page's CSRF protection. */
    private WebTestClient.ResponseSpec asOrganizer(WebTestClient.RequestBodySpec request, String json) {
        return withCsrf(request)
                .cookie("SESSION", login())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private WebTestClient.RequestBodySpec withCsrf(WebTestClient.RequestBodySpec request) {
        return request.cookie("XSRF-TOKEN", CSRF).header("X-XSRF-TOKEN", CSRF);
    }

    private String login() {
        ResponseCookie session = withCsrf(http.post().uri("/login"))
                .accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "olivia").with("password", "secret"))
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseCookies().getFirst("SESSION");
        assertThat(session).as("session cookie").isNotNull();
        return session.getValue();
    }
}

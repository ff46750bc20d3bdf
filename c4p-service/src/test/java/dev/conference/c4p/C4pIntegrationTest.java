package dev.conference.c4p;

import static dev.conference.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Base of the C4P integration tests: the real service on a random port, a PostgreSQL database of
 * its own per test class, and fake agenda and email receivers that record what the relay delivers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "c4p.outbox.poll-interval=100ms",
        "c4p.outbox.initial-backoff=50ms",
        "c4p.outbox.max-backoff=400ms",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=200ms"})
public abstract class C4pIntegrationTest {

    protected static final FakeReceiver agenda = FakeReceiver.start();
    protected static final FakeReceiver email = FakeReceiver.start();
    private static final TestPostgres.Database database = TestPostgres.newDatabase("c4p");

    @LocalServerPort
    int port;

    protected RestClient http;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        database.registerAsDataSource(registry);
        registry.add("c4p.agenda.url", agenda::url);
        registry.add("c4p.email.url", email::url);
    }

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        agenda.answer(201, "{}");
        email.answer(200, "{\"status\":\"SENT\"}");
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected ResponseEntity<String> postJson(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(String.class);
    }

    protected ResponseEntity<String> decide(String proposalId, String decision) {
        return http.post().uri("/proposals/{id}/decision", proposalId)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Organizer", "olivia")
                .body("{\"decision\":\"" + decision + "\"}")
                .retrieve().toEntity(String.class);
    }

    /** The back-office user's review of the proposal. */
    protected ResponseEntity<String> review(String proposalId, String reviewer, String body) {
        return http.put().uri("/proposals/{id}/reviews/mine", proposalId)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Organizer", reviewer)
                .body(body)
                .retrieve().toEntity(String.class);
    }

    /** A GET by the back-office user named in X-Organizer. */
    protected ResponseEntity<String> getAs(String user, String path, Object... variables) {
        return http.get().uri(path, variables).header("X-Organizer", user).retrieve().toEntity(String.class);
    }

    protected ResponseEntity<String> get(String path, Object... variables) {
        return http.get().uri(path, variables).retrieve().toEntity(String.class);
    }

    /** Submits a valid proposal and returns its id. */
    protected String submit(String title) {
        ResponseEntity<String> created = postJson("/proposals", submission(title, "speaker@example.com"));
        if (created.getStatusCode().value() != 201) {
            throw new AssertionError("submission failed: " + created);
        }
        return JsonPath.read(created.getBody(), "$.id");
    }

    protected static String submission(String title, String email) {
        return """
                {"title":%s,"abstract":"How we kept the lights on.","speakerName":"Ada Lovelace","speakerEmail":%s}
                """.formatted(quote(title), quote(email));
    }

    protected static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    protected static <T> T read(ResponseEntity<String> response, String path) {
        return JsonPath.read(response.getBody(), path);
    }

    protected static boolean isProblem(ResponseEntity<String> response) {
        return MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(response.getHeaders().getContentType());
    }

    /** A 404 answered as a problem+json. */
    protected static void assertNotFoundProblem(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(isProblem(response)).isTrue();
    }
}

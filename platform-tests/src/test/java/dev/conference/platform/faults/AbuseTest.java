package dev.conference.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.PlatformTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bad input and bursts through the frontend, as a browser or a script sends them: bad input is a
 * client error that opens no breaker, an organizer's burst does not starve the public routes, and
 * anonymous requests do not grow what the frontend keeps in Redis.
 */
class AbuseTest extends PlatformTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String CSRF = "abuse-csrf-token";
    /** Raw (already percent-encoded) and JSON-escaped forms of text that no title or search may hold. */
    private static final List<String> BAD_QUERIES = List.of("%00", "a%00b", "%ff%fe", "%c0%af", "x%c0%afy%ff");
    private static final List<String> BAD_TITLES = List.of("\\u0000", "Talk\\u0000", "\\u202Egnp.exe", "\\uD800 lone",
            "bell\\u0007");

    @Test
    void badInputIsRefusedWith400AndOpensNoBreaker() throws Exception {
        String session = login();
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            String title = BAD_TITLES.get(i % BAD_TITLES.size());
            HttpResponse<String> submitted = submitThroughFrontend(title + " " + i, newSpeakerEmail());
            statuses.merge(submitted.statusCode(), 1L, Long::sum);
            String query = BAD_QUERIES.get(i % BAD_QUERIES.size());
            HttpResponse<String> searched = send(HttpRequest.newBuilder(URI.create(platform.frontend.url()
                    + "/api/proposals?q=" + query)).header("Cookie", "SESSION=" + session).GET());
            statuses.merge(searched.statusCode(), 1L, Long::sum);
        }
        HttpResponse<String> normal = submitThroughFrontend("A normal talk after the abuse", newSpeakerEmail());
        String token = JsonPath.read(normal.body(), "$.trackingToken");
        int cfp = send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + "/api/cfp")).GET()).statusCode();
        int tracking = send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + "/api/proposals/track/" + token))
                .GET()).statusCode();

        FaultReport.line("200 submissions and searches with NUL, %%00, %%ff%%fe, %%c0%%af, direction overrides and lone "
                + "surrogates through the frontend: statuses %s; then a submission %d, GET /api/cfp %d, tracking %d",
                statuses, normal.statusCode(), cfp, tracking);
        assertThat(statuses).containsOnlyKeys(400);
        assertThat(normal.statusCode()).isEqualTo(201);
        assertThat(cfp).isEqualTo(200);
        assertThat(tracking).isEqualTo(200);
    }

    @Test
    void anOrganizersBurstOfDecisionsLeavesThePublicRoutesAnswering() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ids.add(submit("Burst " + i, newSpeakerEmail()));
        }
        String token = JsonPath.read(submitThroughFrontend("Tracked during the burst", newSpeakerEmail()).body(),
                "$.trackingToken");
        String session = login();
        Map<Integer, Long> decisions = new ConcurrentHashMap<>();
        Map<Integer, Long> publicStatuses = new ConcurrentHashMap<>();
        AtomicLong publicFailures = new AtomicLong();
        AtomicBoolean bursting = new AtomicBoolean(true);
        try (ExecutorService pool = Executors.newFixedThreadPool(82)) {
            List<Future<?>> readers = new ArrayList<>();
            for (String path : List.of("/api/cfp", "/api/proposals/track/" + token)) {
                readers.add(pool.submit(() -> {
                    while (bursting.get()) {
                        try {
                            int status = send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + path)).GET())
                                    .statusCode();
                            publicStatuses.merge(status, 1L, Long::sum);
                        } catch (IOException e) {
                            publicFailures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> deciders = new ArrayList<>();
            for (String id : ids) {
                deciders.add(pool.submit(() -> {
                    int status = send(HttpRequest.newBuilder(URI.create(platform.frontend.url()
                                    + "/api/proposals/" + id + "/decision"))
                            .header("Cookie", "SESSION=" + session + "; XSRF-TOKEN=" + CSRF)
                            .header("X-XSRF-TOKEN", CSRF)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"REJECTED\"}"))).statusCode();
                    decisions.merge(status, 1L, Long::sum);
                    return null;
                }));
            }
            for (Future<?> decider : deciders) {
                decider.get();
            }
            bursting.set(false);
            for (Future<?> reader : readers) {
                reader.get();
            }
        }
        FaultReport.line("80 concurrent decisions through the frontend: statuses %s; public GET /api/cfp and tracking "
                + "meanwhile: statuses %s, %d failed connections", new TreeMap<>(decisions), new TreeMap<>(publicStatuses),
                publicFailures.get());
        assertThat(publicStatuses).containsOnlyKeys(200);
        assertThat(publicFailures.get()).isZero();
    }

    @Test
    void anonymousRequestsDoNotGrowTheFrontendsRedisKeys() throws Exception {
        long sessionsBefore = frontendKeys("session*");
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 500; i++) {
            send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + "/api/agenda?day=" + day.plusDays(i))).GET());
        }
        for (int i = 0; i < 200; i++) {
            send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + "/logout"))
                    .header("Cookie", "XSRF-TOKEN=" + CSRF).header("X-XSRF-TOKEN", CSRF)
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        long agendaCopies = frontendKeys("agenda:*");
        long sessions = frontendKeys("session*") - sessionsBefore;
        int gridDays = Platform.Grid.SMALL_DAYS;
        FaultReport.line("500 anonymous GET /api/agenda?day=… and 200 anonymous POST /logout: %d last-known-good "
                + "agenda copies in Redis (grid of %d days), %d new session keys", agendaCopies, gridDays, sessions);
        assertThat(agendaCopies).isLessThanOrEqualTo(gridDays + 3);
        assertThat(sessions).isZero();
    }

    private long frontendKeys(String pattern) {
        RedisURI uri = RedisURI.create(platform.redis.host(), platform.redis.port());
        if (!platform.redis.password().isEmpty()) {
            uri.setPassword(platform.redis.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(platform.frontendKeyPrefix() + pattern).size();
        } finally {
            client.shutdown();
        }
    }

    private HttpResponse<String> submitThroughFrontend(String jsonTitle, String speaker) throws Exception {
        String body = """
                {"title":"%s","abstract":"What we learned.","speakerName":"Grace Hopper","speakerEmail":"%s"}
                """.formatted(jsonTitle, speaker);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + "/api/proposals"))
                    .header("Cookie", "XSRF-TOKEN=" + CSRF).header("X-XSRF-TOKEN", CSRF)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            // The submission limit is tested in frontend-service; here a 429 only means "later".
            if (response.statusCode() != 429 || attempt > 50) {
                return response;
            }
            Thread.sleep(200);
        }
    }

    private String login() throws Exception {
        String form = "username=" + Platform.ORGANIZER + "&password="
                + URLEncoder.encode(platform.organizerPassword, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(platform.frontend.url() + "/login"))
                .header("Cookie", "XSRF-TOKEN=" + CSRF).header("X-XSRF-TOKEN", CSRF)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("SESSION="))
                .map(cookie -> cookie.substring("SESSION=".length(), cookie.indexOf(';')))
                .findFirst().orElseThrow();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

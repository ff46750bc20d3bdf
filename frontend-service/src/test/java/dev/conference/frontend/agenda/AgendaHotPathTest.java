package dev.conference.frontend.agenda;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conference.frontend.GatewayTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Agenda reads within the micro-cache's time to live are answered from memory, before security and
 * routing, and a browser cannot tell them from the first answer: same body, same headers.
 */
@TestPropertySource(properties = "frontend.agenda.micro-cache-ttl=30s")
class AgendaHotPathTest extends GatewayTest {

    private static final String AGENDA_JSON = """
            [{"id":"0a9e0d00-0000-4000-8000-000000000001","proposalId":"c4900000-0000-4000-8000-000000000001",\
            "title":"Records in depth","abstract":"All about records.","speakerName":"Ada Lovelace",\
            "day":"2027-05-12","startTime":"09:00","endTime":"09:45","room":"Main Hall"}]""";

    @Test
    void aCachedReadHasTheBodyAndHeadersOfTheFirstAndDoesNotAskAgendaService() {
        AGENDA.answer("GET", "/agenda-items", json(200, AGENDA_JSON));

        EntityExchangeResult<byte[]> first = http.get().uri("/api/agenda?day=2027-05-12").exchange()
                .expectStatus().isOk().expectBody().returnResult();
        EntityExchangeResult<byte[]> second = http.get().uri("/api/agenda?day=2027-05-12").exchange()
                .expectStatus().isOk().expectBody().returnResult();

        assertThat(AGENDA.received("GET", "/agenda-items?day=2027-05-12")).hasSize(1);
        assertThat(hotReads()).isGreaterThanOrEqualTo(1);
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(comparable(second.getResponseHeaders())).isEqualTo(comparable(first.getResponseHeaders()));
        assertThat(second.getResponseHeaders().getFirst("Content-Security-Policy")).isNotBlank();
        assertThat(second.getResponseHeaders().getETag()).isNotBlank();
    }

    @Test
    void aCachedReadAnswersIfNoneMatchWithNotModified() {
        AGENDA.answer("GET", "/agenda-items", json(200, AGENDA_JSON));
        String etag = http.get().uri("/api/agenda").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseHeaders().getETag();

        http.get().uri("/api/agenda").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag);
    }

    @Test
    void aNotModifiedFromMemoryHasTheHeadersOfOneFromTheGateway() {
        AGENDA.answer("GET", "/agenda-items", json(200, AGENDA_JSON));
        String etag = new AgendaSnapshot(AGENDA_JSON.getBytes(StandardCharsets.UTF_8), "application/json", null,
                Instant.now()).etag(false);

        // A day no other test reads: the copies in Redis are shared by the test classes.
        EntityExchangeResult<byte[]> first = http.get().uri("/api/agenda?day=2027-06-30")
                .header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified().expectBody().returnResult();
        EntityExchangeResult<byte[]> second = http.get().uri("/api/agenda?day=2027-06-30")
                .header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified().expectBody().returnResult();

        assertThat(AGENDA.received("GET", "/agenda-items?day=2027-06-30")).hasSize(1);
        assertThat(comparable(second.getResponseHeaders())).isEqualTo(comparable(first.getResponseHeaders()));
    }

    @Test
    void readsAnsweredFromMemoryAndThroughTheGatewayAreTimedInOneSeries() {
        AGENDA.answer("GET", "/agenda-items", json(200, AGENDA_JSON));
        double before = okReads();

        http.get().uri("/api/agenda?day=2027-07-01").exchange().expectStatus().isOk();
        http.get().uri("/api/agenda?day=2027-07-01").exchange().expectStatus().isOk();

        assertThat(AGENDA.received("GET", "/agenda-items?day=2027-07-01")).as("the second from memory").hasSize(1);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(okReads()).isEqualTo(before + 2));
        assertThat(metrics().lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .map(line -> line.substring(0, line.indexOf('}')).replaceAll("=\"[^\"]*\"", ""))
                .distinct()).as("the label names of every series").hasSize(1);
    }

    /** GETs answered 200 that no route pattern named: the gateway's routes, and reads answered from memory. */
    private double okReads() {
        return metrics().lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("method=\"GET\"") && line.contains("status=\"200\"") && line.contains("uri=\"UNKNOWN\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private String metrics() {
        return http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private double hotReads() {
        return metrics().lines().filter(line -> line.startsWith("frontend_agenda_hot_reads_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** Everything but the headers that differ between any two answers. */
    private static Map<String, String> comparable(HttpHeaders headers) {
        Map<String, String> values = new TreeMap<>();
        headers.forEach((name, list) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.DATE) && !name.equalsIgnoreCase(HttpHeaders.SET_COOKIE)) {
                values.put(name.toLowerCase(), String.join(",", list));
            }
        });
        return values;
    }
}

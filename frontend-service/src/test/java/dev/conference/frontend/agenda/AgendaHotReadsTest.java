package dev.conference.frontend.agenda;

import static dev.conference.frontend.agenda.RawHttp.readAnswer;
import static dev.conference.frontend.agenda.RawHttp.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.conference.frontend.security.SecurityConfiguration;
import dev.conference.web.ShutdownDrain;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The handler that answers agenda reads from memory in a connection's pipeline, on a Reactor Netty server whose
 * routes stand in for Spring: what it answers itself, and what it leaves to Reactor Netty, which must get those
 * requests untouched and answer them in their order on the connection.
 */
class AgendaHotReadsTest {

    private static final String SPRING = "answered by Spring";
    private static final String BODY = "[{\"title\":\"Records in depth\"}]";
    private static final AgendaCacheKey DAY = AgendaCacheKey.ofTarget("/api/agenda?day=2027-05-12");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LastKnownGoodAgenda redis = mock(LastKnownGoodAgenda.class);
    private final ShutdownDrain drain = mock(ShutdownDrain.class);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private AgendaReadCache cache;
    private DisposableServer server;
    private HttpClient client;

    @BeforeEach
    void start() {
        when(redis.save(any(), any())).thenReturn(Mono.empty());
        cache = new AgendaReadCache(redis, new StaleAgendaAnswers(meters), Duration.ofSeconds(1), 16, now::get);
        AgendaHotReads reads = new AgendaHotReads(cache, drain, meters, (AgendaHotReads.Upstream) null);
        server = reads.apply(HttpServer.create().host("127.0.0.1").port(0))
                .route(routes -> routes
                        .get("/slow", (request, response) -> response.status(299)
                                .sendString(Mono.just(SPRING).delayElement(Duration.ofMillis(300))))
                        .route(request -> true, (request, response) -> response.status(299).sendString(Mono.just(SPRING))))
                .bindNow();
        client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void aReadMemoryHoldsIsAnsweredWithTheAnswersHeadersAndTheSecurityHeaders() {
        String etag = keep(DAY).snapshot().etag(false);

        Answer answer = get("/api/agenda?day=2027-05-12", null);

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.body).isEqualTo(BODY);
        assertThat(answer.headers.get("ETag")).isEqualTo(etag);
        assertThat(answer.headers.get("Cache-Control")).isEqualTo("no-cache");
        assertThat(answer.headers.get("Content-Type")).isEqualTo("application/json");
        assertThat(answer.headers.get("Content-Length")).isEqualTo(String.valueOf(BODY.length()));
        SecurityConfiguration.FIXED_SECURITY_HEADERS.forEach((name, value) ->
                assertThat(answer.headers.get(name)).as(name).isEqualTo(value));
        assertThat(answer.headers.get("Connection")).isNull();
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isEqualTo(1);
        assertTimed("200");
    }

    @Test
    void aClientThatHasTheAnswerGetsNotModified() {
        String etag = keep(DAY).snapshot().etag(false);

        Answer answer = get("/api/agenda?day=2027-05-12", "W/\"other\", " + etag);

        assertThat(answer.status).isEqualTo(304);
        assertThat(answer.body).isEmpty();
        assertThat(answer.headers.get("ETag")).isEqualTo(etag);
        assertThat(answer.headers.get("Content-Security-Policy")).isEqualTo(SecurityConfiguration.FIXED_SECURITY_HEADERS.get("Content-Security-Policy"));
        assertTimed("304");
    }

    @Test
    void whileTheServiceDrainsTheAnswerClosesTheConnection() {
        keep(DAY);
        when(drain.isDraining()).thenReturn(true);

        assertThat(get("/api/agenda?day=2027-05-12", null).headers.get("Connection")).isEqualTo("close");
    }

    @Test
    void whatMemoryDoesNotHoldOrCannotServeNowGoesToSpringUntouched() {
        keep(DAY);

        assertThat(get("/api/agenda", null).body).as("another key").isEqualTo(SPRING);
        assertThat(get("/api/agenda?day=2027%2D05-12", null).body).as("a target to decode").isEqualTo(SPRING);
        assertThat(send(HttpMethod.HEAD, "/api/agenda?day=2027-05-12")).as("not a GET").isEqualTo(299);
        assertThat(send(HttpMethod.DELETE, "/api/agenda?day=2027-05-12")).as("not a GET").isEqualTo(299);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(get("/api/agenda?day=2027-05-12", null).body).as("expired").isEqualTo(SPRING);
        assertThat(cache.get(DAY)).as("and Spring's read is the one that refreshes it").isNull();
        assertThat(get("/api/agenda?day=2027-05-12", null).body).as("while it does, the old answer")
                .isEqualTo(BODY);
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).as("the last read only").isEqualTo(1);
    }

    @Test
    void aKeptAliveConnectionGetsAnswersFromMemoryAndFromSpringInTurn() throws IOException {
        keep(DAY);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String target : List.of("/api/agenda?day=2027-05-12", "/other", "/api/agenda?day=2027-05-12", "/other")) {
                write(socket, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(readAnswer(in)).as(target).isEqualTo(target.equals("/other") ? SPRING : BODY);
            }
        }
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isEqualTo(2);
    }

    @Test
    void aReadSentBehindARequestSpringStillAnswersWaitsForItsTurn() throws IOException {
        keep(DAY);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            // Pipelined: Reactor Netty reads no further request on the connection after answering these.
            write(socket, "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /api/agenda?day=2027-05-12 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /api/agenda?day=2027-05-12 HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(readAnswer(in)).as("the slow answer first").isEqualTo(SPRING);
            assertThat(readAnswer(in)).as("then the reads, which Spring's side answered in their turn").isEqualTo(SPRING);
            assertThat(readAnswer(in)).isEqualTo(SPRING);
        }
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isZero();
    }

    @Test
    void readsThatEndTheConnectionOrCarryABodyGoToSpring() throws IOException {
        keep(DAY);
        for (String request : List.of(
                "GET /api/agenda?day=2027-05-12 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /api/agenda?day=2027-05-12 HTTP/1.0\r\nHost: localhost\r\n\r\n",
                "GET /api/agenda?day=2027-05-12 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}")) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5000);
                write(socket, request);
                assertThat(readAnswer(new BufferedInputStream(socket.getInputStream()))).as(request).isEqualTo(SPRING);
            }
        }
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isZero();
    }

    /** The answer is timed once it is sent, which can be just after the client has it. */
    private void assertTimed(String status) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(meters.get("http.server.requests").tag("status", status).timer().count()).isEqualTo(1));
    }

    private CachedAnswer keep(AgendaCacheKey key) {
        return cache.refresh(key, new AgendaSnapshot(BODY.getBytes(StandardCharsets.UTF_8), "application/json", null,
                Instant.now())).orElseThrow();
    }

    private record Answer(int status, HttpHeaders headers, String body) {
    }

    private Answer get(String target, String ifNoneMatch) {
        return client.headers(headers -> {
                    if (ifNoneMatch != null) {
                        headers.set("If-None-Match", ifNoneMatch);
                    }
                })
                .get().uri(target)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), response.responseHeaders(), text)))
                .block(Duration.ofSeconds(10));
    }

    private int send(HttpMethod method, String target) {
        return client.request(method).uri(target)
                .responseSingle((response, body) -> Mono.just(response.status().code()))
                .block(Duration.ofSeconds(10));
    }
}

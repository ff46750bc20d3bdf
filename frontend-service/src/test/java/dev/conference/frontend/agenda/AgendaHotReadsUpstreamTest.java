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
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Agenda reads memory cannot answer, asked of agenda-service from the connection's pipeline: what is asked and
 * answered, and every way such a call can fail, after which the read goes to Reactor Netty (standing in for Spring and
 * the gateway's route, which answer it from a copy) in its turn on the connection.
 */
class AgendaHotReadsUpstreamTest {

    private static final String SPRING = "answered by Spring";
    private static final String BODY = "[{\"title\":\"Records in depth\"}]";
    private static final String DAY = "/api/agenda?day=2027-05-12";
    private static final String ETAG = new AgendaSnapshot(BODY.getBytes(StandardCharsets.UTF_8), "application/json",
            null, Instant.now()).etag(false);

    /** What the fake agenda-service does with the next calls. */
    private enum Mode { ANSWER, DELAYED, FAIL, SLOW, MISSING, GARBAGE }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER);
    private final List<HttpHeaders> asked = new CopyOnWriteArrayList<>();
    private final List<String> askedTargets = new CopyOnWriteArrayList<>();
    private final AtomicInteger agendaConnections = new AtomicInteger();
    private final AtomicInteger springReads = new AtomicInteger();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ShutdownDrain drain = mock(ShutdownDrain.class);
    private final LastKnownGoodAgenda redis = mock(LastKnownGoodAgenda.class);
    /** How long the gateway keeps an idle connection to agenda-service. */
    private Duration maxIdle = Duration.ofSeconds(10);
    private final CircuitBreaker breaker = CircuitBreaker.of("agenda-test", CircuitBreakerConfig.custom()
            .slidingWindowSize(10).minimumNumberOfCalls(10).waitDurationInOpenState(Duration.ofMinutes(1)).build());
    private final Bulkhead bulkhead = Bulkhead.of("agenda-test", BulkheadConfig.custom()
            .maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
    private DisposableServer agendaService;
    private DisposableServer server;
    private AgendaHotReads reads;
    private HttpClient client;

    @BeforeEach
    void start() {
        agendaService = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, address) -> agendaConnections.incrementAndGet())
                .handle((request, response) -> {
                    asked.add(request.requestHeaders());
                    askedTargets.add(request.uri());
                    return agendaAnswer(request.requestHeaders().get("If-None-Match"), response);
                })
                .bindNow();
        start(URI.create("http://127.0.0.1:" + agendaService.port()));
    }

    private void start(URI agendaUrl) {
        when(redis.save(any(), any())).thenReturn(Mono.empty());
        when(redis.load(any())).thenReturn(Mono.empty());
        // No micro-cache: every read asks agenda-service.
        AgendaReadCache cache = new AgendaReadCache(redis, new StaleAgendaAnswers(meters), Duration.ZERO, 16, System::nanoTime);
        AgendaReadRoute route = route(agendaUrl);
        reads = new AgendaHotReads(cache, drain, meters, new AgendaHotReads.Upstream(route, new AgendaUpstream(route),
                breaker, bulkhead));
        server = reads.apply(HttpServer.create().host("127.0.0.1").port(0))
                .handle((request, response) -> {
                    springReads.incrementAndGet();
                    return response.status(299).sendString(Mono.just(SPRING));
                })
                .bindNow();
        client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port());
    }

    private AgendaReadRoute route(URI agendaUrl) {
        return new AgendaReadRoute(agendaUrl, "/agenda-items", Duration.ofMillis(500), Duration.ofMillis(400),
                "agenda-test", maxIdle, Duration.ofMinutes(5));
    }

    private Mono<Void> agendaAnswer(String ifNoneMatch, HttpServerResponse response) {
        return switch (mode.get()) {
            case ANSWER -> ETAG.equals(ifNoneMatch)
                    ? response.status(304).header("ETag", ETAG).send()
                    : response.header("Content-Type", "application/json").header("ETag", ETAG).sendString(Mono.just(BODY)).then();
            case DELAYED -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just(BODY).delayElement(Duration.ofMillis(200))).then();
            case FAIL -> response.status(503).sendString(Mono.just("{}")).then();
            case SLOW -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just(BODY).delayElement(Duration.ofSeconds(2))).then();
            case MISSING -> response.status(404).sendString(Mono.just("{}")).then();
            case GARBAGE -> response.header("Content-Type", "application/json").sendString(Mono.just("<html>")).then();
        };
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        reads.destroy();
        agendaService.disposeNow();
    }

    @Test
    void aReadMemoryCannotAnswerIsAskedOfAgendaServiceAndAnsweredFromThePipeline() {
        Answer answer = client.headers(headers -> headers.set("Cookie", "SESSION=secret").set("Authorization", "Basic b2xpdmlh")
                        .set("X-Organizer", "olivia").set("Accept-Encoding", "gzip").set("Accept", "application/json"))
                .get().uri(DAY)
                .responseSingle((response, body) -> body.asString().map(text -> new Answer(response.status().code(),
                        response.responseHeaders(), text)))
                .block(Duration.ofSeconds(10));

        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.body).isEqualTo(BODY);
        assertThat(answer.headers.get("ETag")).isEqualTo(ETAG);
        assertThat(answer.headers.get("Content-Type")).isEqualTo("application/json");
        SecurityConfiguration.FIXED_SECURITY_HEADERS.forEach((name, value) ->
                assertThat(answer.headers.get(name)).as(name).isEqualTo(value));
        assertThat(springReads).hasValue(0);
        assertThat(askedTargets).containsExactly("/agenda-items?day=2027-05-12");
        HttpHeaders sent = asked.getFirst();
        assertThat(sent.get("Accept")).isEqualTo("application/json");
        assertThat(sent.get("Host")).isEqualTo("127.0.0.1:" + agendaService.port());
        for (String never : List.of("Cookie", "Authorization", "X-Organizer", "Accept-Encoding", "If-None-Match")) {
            assertThat(sent.contains(never)).as(never).isFalse();
        }
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(meters.get("http.server.requests").tag("status", "200").timer().count()).isEqualTo(1));
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).as("the call's permit given back").isEqualTo(1);
    }

    @Test
    void laterReadsAskWhetherTheAgendaChangedOverTheSameConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                write(socket, "GET " + DAY + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(readAnswer(in)).isEqualTo(BODY);
            }
        }

        assertThat(asked).hasSize(3);
        assertThat(asked.get(0).get("If-None-Match")).isNull();
        assertThat(asked.get(1).get("If-None-Match")).as("the kept answer's tag").isEqualTo(ETAG);
        assertThat(asked.get(2).get("If-None-Match")).isEqualTo(ETAG);
        assertThat(agendaConnections).as("one kept-alive connection").hasValue(1);
        assertThat(springReads).hasValue(0);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(3);
    }

    @Test
    void aClientThatHasTheAnswerGetsNotModified() {
        read(DAY);

        int status = client.headers(headers -> headers.set("If-None-Match", ETAG)).get().uri(DAY)
                .responseSingle((response, body) -> Mono.just(response.status().code()))
                .block(Duration.ofSeconds(10));

        assertThat(status).isEqualTo(304);
    }

    @Test
    void aFailedAnswerGoesTheNormalWayWhoseRouteCountsIt() {
        mode.set(Mode.FAIL);

        assertThat(read(DAY)).isEqualTo(SPRING);

        assertThat(asked).hasSize(1);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("counted once, by the route").isZero();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isZero();
    }

    @Test
    void noWholeAnswerWithinTheResponseTimeoutIsAnsweredFromTheCopyAtOnce() {
        assertThat(read(DAY)).isEqualTo(BODY);
        mode.set(Mode.SLOW);
        long start = System.nanoTime();

        Answer stale = client.get().uri(DAY).responseSingle((response, body) -> body.asString().map(text ->
                new Answer(response.status().code(), response.responseHeaders(), text))).block(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the route's response timeout, not the 2 s answer")
                .isLessThan(Duration.ofMillis(1500));
        assertThat(stale.status).isEqualTo(200);
        assertThat(stale.body).isEqualTo(BODY);
        assertThat(stale.headers.get(CachedAnswer.STALE_HEADER)).isEqualTo("true");
        assertThat(stale.headers.get("Age")).isNotNull();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(springReads).hasValue(0);
        mode.set(Mode.ANSWER);
        assertThat(read(DAY)).as("a new connection after the abandoned one").isEqualTo(BODY);
    }

    @Test
    void noAnswerInTimeAndNoCopyGoesTheNormalWay() {
        mode.set(Mode.SLOW);

        assertThat(read(DAY)).isEqualTo(SPRING);
    }

    @Test
    void agendaServiceNotListeningSendsTheReadTheNormalWay() throws IOException {
        server.disposeNow();
        reads.destroy();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(URI.create("http://127.0.0.1:" + closedPort));

        assertThat(read(DAY)).isEqualTo(SPRING);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void agendaServiceNotCalledOverPlainHttpIsLeftToTheRoute() {
        for (String url : List.of("https://agenda-service:8443", "lb://agenda-service")) {
            assertThat(AgendaHotReads.Upstream.of(route(URI.create(url)), CircuitBreakerRegistry.ofDefaults(),
                    BulkheadRegistry.ofDefaults())).as(url).isNull();
        }
        assertThat(AgendaHotReads.Upstream.of(route(URI.create("http://agenda-service:8082")),
                CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults())).isNotNull();
    }

    @Test
    void anAnswerThatCannotBeKeptGoesTheNormalWay() {
        when(redis.save(any(), any())).thenThrow(new IllegalStateException("Redis client closed"));

        assertThat(read(DAY)).isEqualTo(SPRING);

        assertThat(asked).hasSize(1);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("counted by the route").isZero();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void nothingIsAskedWhileTheServiceDrains() {
        when(drain.isDraining()).thenReturn(true);

        assertThat(read(DAY)).isEqualTo(SPRING);

        assertThat(asked).isEmpty();
    }

    @Test
    void aClientGoneWhileAgendaServiceIsAskedLeavesNothingBehind() throws IOException {
        mode.set(Mode.DELAYED);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            write(socket, "GET " + DAY + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> asked.size() == 1);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1));
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).as("the call's permit given back").isEqualTo(1);
        assertThat(springReads).as("the read is not handed on for a client that left").hasValue(0);
        mode.set(Mode.ANSWER);
        assertThat(read(DAY)).isEqualTo(BODY);
    }

    @Test
    void aConnectionIdleLongerThanThePoolKeepsOneIsNotUsedAgain() throws IOException, InterruptedException {
        server.disposeNow();
        reads.destroy();
        maxIdle = Duration.ofMillis(50);
        start(URI.create("http://127.0.0.1:" + agendaService.port()));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            write(socket, "GET " + DAY + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(in)).isEqualTo(BODY);
            Thread.sleep(200);
            write(socket, "GET " + DAY + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(in)).isEqualTo(BODY);
        }

        assertThat(agendaConnections).as("a new connection for the second read").hasValue(2);
    }

    @Test
    void anOpenBreakerOrAFullBulkheadSendsTheReadTheNormalWayWithoutACall() {
        breaker.transitionToOpenState();
        assertThat(read(DAY)).as("breaker open").isEqualTo(SPRING);
        breaker.reset();

        assertThat(bulkhead.tryAcquirePermission()).isTrue();
        assertThat(read(DAY)).as("bulkhead full").isEqualTo(SPRING);
        bulkhead.onComplete();

        assertThat(asked).isEmpty();
        assertThat(read(DAY)).isEqualTo(BODY);
    }

    @Test
    void anyOtherAnswerGoesTheNormalWay() {
        mode.set(Mode.MISSING);
        assertThat(read("/api/agenda/0a6f1c1e-8f5e-4b9e-9a51-0d4c1b2f3e4d")).as("404").isEqualTo(SPRING);
        assertThat(askedTargets).containsExactly("/agenda-items/0a6f1c1e-8f5e-4b9e-9a51-0d4c1b2f3e4d");
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("counted by the route").isZero();

        mode.set(Mode.GARBAGE);
        assertThat(read(DAY)).as("not an agenda").isEqualTo(SPRING);
    }

    @Test
    void requestsPipelinedBehindAReadBeingAskedAreAnsweredInTheirTurn() throws IOException {
        mode.set(Mode.DELAYED);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            // Pipelined: Spring would answer /other long before agenda-service answers the read.
            write(socket, "GET " + DAY + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /other HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(readAnswer(in)).isEqualTo(BODY);
            assertThat(readAnswer(in)).isEqualTo(SPRING);
            assertThat(readAnswer(in)).isEqualTo(SPRING);

            write(socket, "GET " + DAY + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(in)).as("once Spring has answered, the pipeline asks again").isEqualTo(BODY);
        }
        assertThat(asked).hasSize(2);
        assertThat(springReads).hasValue(2);
    }

    private String read(String target) {
        return client.get().uri(target).responseSingle((response, body) -> body.asString().defaultIfEmpty(""))
                .block(Duration.ofSeconds(10));
    }

    private record Answer(int status, HttpHeaders headers, String body) {
    }
}

package dev.conference.agenda.item;

import static dev.conference.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaApplication;
import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import dev.conference.testsupport.KeptAliveGet;
import dev.conference.web.ShutdownDrain;
import jakarta.servlet.Filter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The agenda's reads answered ahead of Spring MVC are the controller's answers, byte for byte and
 * header for header: each request goes to this service and to a replica on the same Redis whose read
 * filter is taken out, so there the controller answers it. Whatever the filter does not answer reaches
 * the controller as before; the observation, the shutdown drain and the answer without Redis still apply.
 */
@Import(AgendaReadFilterTest.PassedOn.class)
class AgendaReadFilterTest extends AgendaServiceTest {

    private static ConfigurableApplicationContext controllerOnly;
    private static HttpApi controller;

    @Autowired
    PassedOn passedOn;

    @BeforeAll
    static void startAReplicaWithoutTheReadFilter() {
        controllerOnly = replica(false);
        assertThat(controllerOnly.containsBeanDefinition("agendaReadFilter")).isFalse();
        controller = new HttpApi(port(controllerOnly));
    }

    @AfterAll
    static void stopIt() {
        controllerOnly.close();
    }

    @Test
    void answersTheWholeAgendaAndEachDayExactlyAsTheControllerDoes() {
        api.createItem(UUID.randomUUID().toString(), "First");
        String moved = api.createItem(UUID.randomUUID().toString(), "Moved").json().get("id").asString();
        assertThat(api.send("PUT", "/agenda-items/" + moved + "/slot", "application/json",
                HttpApi.json(Map.of("day", "2027-05-13", "startTime", "10:00", "room", "Room A"))).status())
                .isEqualTo(200);
        String whole = api.get("/agenda-items").header("ETag");
        String firstDay = api.get("/agenda-items?day=2027-05-12").header("ETag");
        String dayWithoutTalks = api.get("/agenda-items?day=2027-05-14").header("ETag");
        assertThat(List.of(whole, firstDay, dayWithoutTalks)).doesNotHaveDuplicates();

        List<Read> reads = List.of(
                new Read("/agenda-items"),
                new Read("/agenda-items?"),
                new Read("/agenda-items?day=2027-05-12"),
                new Read("/agenda-items?day=2027-05-13"),
                new Read("/agenda-items?day=2027-05-14"),
                new Read("/agenda-items", "If-None-Match", whole),
                new Read("/agenda-items", "If-None-Match", "\"0123456789abcdef0123456789abcdef\""),
                new Read("/agenda-items", "If-None-Match", "W/" + whole),
                new Read("/agenda-items", "If-None-Match", "\"other\", " + whole),
                new Read("/agenda-items", "If-None-Match", "\"other\", W/\"more\""),
                new Read("/agenda-items", "If-None-Match", "*"),
                new Read("/agenda-items", "If-None-Match", whole.substring(1, whole.length() - 1)),
                new Read("/agenda-items?day=2027-05-12", "If-None-Match", firstDay),
                new Read("/agenda-items?day=2027-05-12", "If-None-Match", whole),
                new Read("/agenda-items?day=2027-05-14", "If-None-Match", dayWithoutTalks),
                new Read("/agenda-items", "If-Match", "\"other\""),
                new Read("/agenda-items", "If-Modified-Since", "Tue, 11 May 2027 09:00:00 GMT"),
                new Read("/agenda-items", "Accept", "application/json"),
                new Read("/agenda-items", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
                new Read("/agenda-items", "Accept", "application/*"));
        int before = passedOn.requests.get();

        List<Integer> statuses = new ArrayList<>();
        for (Read read : reads) {
            Answer served = Answer.of(read.send(api));
            assertThat(served).as(read.toString()).isEqualTo(Answer.of(read.send(controller)));
            statuses.add(served.status());
        }

        assertThat(passedOn.requests.get()).as("requests the read filter passed on").isEqualTo(before);
        // Spring MVC answers If-None-Match: * with the agenda, not 304, and so does the filter
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 304, 200, 304, 304, 200, 200, 200, 304, 200, 304,
                200, 200, 200, 200, 200);
    }

    @Test
    void passesEveryOtherRequestToTheControllerUnchanged() {
        String proposal = UUID.randomUUID().toString();
        api.createItem(proposal, "Placed");
        String whole = api.get("/agenda-items").header("ETag");

        List<Read> others = List.of(
                new Read("HEAD", "/agenda-items"),
                new Read("HEAD", "/agenda-items", "If-None-Match", whole),
                new Read("OPTIONS", "/agenda-items"),
                new Read("/agenda-items?proposalId=" + proposal),
                new Read("/agenda-items?day=2027-05-12&proposalId=" + proposal),
                new Read("/agenda-items?day=2027-05-12&unknown=1"),
                new Read("/agenda-items?unknown=1"),
                new Read("/agenda-items?day="),
                new Read("/agenda-items?day=2027-05-12&day=2027-05-13"),
                new Read("/agenda-items?DAY=2027-05-12"),
                new Read("/agenda-items?day=2027-5-12"),
                new Read("/agenda-items?day=2027%2D05%2D12"),
                new Read("/agenda-items?day=not-a-date"),
                new Read("/agenda-items?day=2027-06-01"),
                new Read("/agenda-items/"),
                new Read("/agenda%2Ditems"),
                new Read("/agenda-items;a=b"),
                new Read("/agenda-items", "Accept", "text/html"),
                new Read("/agenda-items", "Accept", "application/problem+json"),
                new Read("/agenda-items", "Accept", "no media type"));

        for (Read read : others) {
            int before = passedOn.requests.get();
            Answer served = Answer.of(read.send(api));
            assertThat(served).as(read.toString()).isEqualTo(Answer.of(read.send(controller)));
            assertThat(passedOn.requests.get()).as(read + " passed on").isEqualTo(before + 1);
        }
    }

    @Test
    void itsAnswersAreTimedAsRequestsOfTheAgendaItemsPath() {
        api.createItem(UUID.randomUUID().toString(), "Placed");
        long ok = requestCount("200");
        long notModified = requestCount("304");
        int passedBefore = passedOn.requests.get();

        String etag = api.get("/agenda-items").header("ETag");
        assertThat(api.get("/agenda-items?day=2027-05-12").status()).isEqualTo(200);
        assertThat(conditional(api, "/agenda-items", etag).status()).isEqualTo(304);

        assertThat(passedOn.requests.get()).as("requests the read filter passed on").isEqualTo(passedBefore);
        // the observation stops after the answer has gone out
        eventually(Duration.ofSeconds(5), () -> requestCount("200") == ok + 2 && requestCount("304") == notModified + 1,
                "http_server_requests_seconds_count of uri=\"/agenda-items\" to count 2 more 200s and a 304");
    }

    @Test
    void duringTheShutdownDrainItsAnswersCloseTheConnection() throws Exception {
        ConfigurableApplicationContext stopping = replica(true, "platform.shutdown.drain=3s");
        PassedOn passedOnThere = stopping.getBean(PassedOn.class);
        ShutdownDrain drain = stopping.getBean(ShutdownDrain.class);
        CompletableFuture<Void> closed = null;
        try (Socket socket = new Socket("127.0.0.1", port(stopping))) {
            socket.setSoTimeout(5000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(KeptAliveGet.send(socket, in, "/agenda-items")).contains("HTTP/1.1 200", "etag:")
                    .doesNotContain("connection: close");

            closed = CompletableFuture.runAsync(stopping::close);
            eventually(Duration.ofSeconds(5), drain::isDraining, "the replica to drain");

            assertThat(KeptAliveGet.send(socket, in, "/agenda-items"))
                    .contains("HTTP/1.1 200", "etag:", "connection: close");
            assertThat(in.read()).as("Tomcat closed the connection after the answer").isEqualTo(-1);
            assertThat(passedOnThere.requests.get()).as("requests the read filter passed on").isZero();
        } finally {
            if (closed == null) {
                stopping.close();
            } else {
                closed.get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aReadRedisDoesNotAnswerWaitsForItOnceAndAnswersAsTheControllerDoes() throws Exception {
        try (SilentRedis redis = new SilentRedis();
                ConfigurableApplicationContext replica = replica(true, "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + redis.port(), "spring.data.redis.timeout=500ms",
                        "spring.data.redis.connect-timeout=500ms")) {
            HttpApi there = new HttpApi(port(replica));

            int connections = redis.connections();
            Response failed = there.get("/agenda-items?day=2027-05-12");
            assertThat(redis.connections()).as("connections to Redis for one read").isEqualTo(connections + 1);

            connections = redis.connections();
            Response controllersOwn = there.get("/agenda-items?day=2027-05-12&unknown=1");
            assertThat(redis.connections()).as("connections to Redis for one read").isEqualTo(connections + 1);

            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.isProblem()).isTrue();
            assertThat(failed.header("Retry-After")).isEqualTo("5");
            assertThat(Answer.of(failed)).isEqualTo(Answer.of(controllersOwn));
        }
    }

    /**
     * An agenda-service on the tests' Redis key space, with or without its read filter; {@code settings}
     * override the defaults. Its settings are command-line arguments, as in {@code AgendaSnapshotCacheTest}.
     */
    private static ConfigurableApplicationContext replica(boolean withReadFilter, String... settings) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("server.port", "0");
        args.put("spring.data.redis.host", REDIS.host());
        args.put("spring.data.redis.port", String.valueOf(REDIS.port()));
        if (REDIS.password() != null && !REDIS.password().isEmpty()) {
            args.put("spring.data.redis.password", REDIS.password());
        }
        args.put("agenda.key-prefix", REDIS.keyPrefix());
        args.put("platform.shutdown.drain", "0s");
        for (String setting : settings) {
            String[] nameAndValue = setting.split("=", 2);
            args.put(nameAndValue[0], nameAndValue[1]);
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(AgendaApplication.class, PassedOn.class);
        if (!withReadFilter) {
            application.initializers(context -> context.addBeanFactoryPostProcessor(
                    beans -> ((BeanDefinitionRegistry) beans).removeBeanDefinition("agendaReadFilter")));
        }
        return application.run(args.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private long requestCount(String status) {
        Matcher counts = Pattern.compile("(?m)^http_server_requests_seconds_count\\{([^}]*)} (\\S+)$")
                .matcher(api.get("/actuator/prometheus").body());
        long total = 0;
        while (counts.find()) {
            List<String> labels = List.of(counts.group(1).split(","));
            if (labels.containsAll(List.of("application=\"agenda-service\"", "method=\"GET\"",
                    "status=\"" + status + "\"", "uri=\"/agenda-items\""))) {
                total += (long) Double.parseDouble(counts.group(2));
            }
        }
        return total;
    }

    private static Response conditional(HttpApi to, String path, String etag) {
        return to.send("GET", path, null, BodyPublishers.noBody(), Map.of("If-None-Match", etag));
    }

    private record Read(String method, String path, Map<String, String> headers) {

        Read(String path) {
            this("GET", path, Map.of());
        }

        Read(String path, String header, String value) {
            this("GET", path, Map.of(header, value));
        }

        Read(String method, String path) {
            this(method, path, Map.of());
        }

        Read(String method, String path, String header, String value) {
            this(method, path, Map.of(header, value));
        }

        Response send(HttpApi to) {
            return to.send(method, path, null, BodyPublishers.noBody(), headers);
        }
    }

    /** Everything of an answer but the Date header, which differs by the second it was sent in. */
    private record Answer(int status, Map<String, List<String>> headers, String body) {

        static Answer of(Response response) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(response.headers());
            headers.remove("Date");
            return new Answer(response.status(), headers, response.body());
        }
    }

    /** Counts the requests that got past the read filter to the filters and the servlet behind it. */
    static class PassedOn {

        final AtomicInteger requests = new AtomicInteger();

        @Bean
        FilterRegistrationBean<Filter> passedOnCounter() {
            var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
                requests.incrementAndGet();
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.LOWEST_PRECEDENCE);
            return registration;
        }
    }

    /** Accepts connections and never answers, as a Redis that hangs; counts the connections made to it. */
    private static final class SilentRedis implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0);
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentRedis() throws IOException {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the test is done
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}

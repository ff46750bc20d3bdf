package dev.conference.platform.container;

import com.jayway.jsonpath.JsonPath;
import dev.conference.helm.Budgets;
import dev.conference.platform.Site;
import dev.conference.platform.container.ChartContainers.Running;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The four images run as the umbrella chart runs them (see {@link ChartContainers}), with PostgreSQL
 * and Redis behind passwords and an SMTP sink: hardened as the chart says, the whole journey through
 * the frontend container, the chart's helm test and consistency check, memory under load, and each
 * service stopped with SIGTERM under load and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformInContainersTest {

    private static ChartContainers platform;
    private static Journey journey;

    @BeforeAll
    static void startContainers() {
        platform = ChartContainers.start();
        journey = new Journey(platform.url("frontend-service"), platform.imapPort(),
                platform.release.secretData("conference-frontend-service-organizer-passwords").get("organizer"));
    }

    @AfterAll
    static void removeContainers() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void servicesRunAsTheChartSaysUnprivilegedOnAReadOnlyRootWithinTheirLimitsAndWithTheAgent() {
        for (Running service : platform.services()) {
            Map<String, Quantity> limits = service.container().getResources().getLimits();
            String inspected = Podman.check("inspect", "--format",
                    "{{.Config.User}}|{{.HostConfig.ReadonlyRootfs}}|{{.EffectiveCaps}}|{{.HostConfig.SecurityOpt}}|{{.HostConfig.Memory}}|{{.HostConfig.NanoCpus}}",
                    service.name());

            assertThat(inspected).as(service.name()).isEqualTo("10001:10001|true|[]|[no-new-privileges]|%s|%s",
                    Quantity.getAmountInBytes(limits.get("memory")).toBigInteger(),
                    Quantity.getAmountInBytes(limits.get("cpu")).movePointRight(9).toBigInteger());
            Podman.Result rootWrite = Podman.run("exec", service.name(), "sh", "-c", "echo x > /app/probe");
            assertThat(rootWrite.ok()).as("%s writes to its root filesystem", service.name()).isFalse();
            assertThat(rootWrite.err()).contains("Read-only file system");
            String tmp = Podman.check("exec", service.name(), "sh", "-c", "echo x > /tmp/probe && rm /tmp/probe && df -k /tmp | tail -1");
            String tmpSize = service.workload().pod().getVolumes().stream().filter(v -> v.getName().equals("tmp")).findFirst()
                    .orElseThrow().getEmptyDir().getSizeLimit().toString();
            assertThat(Long.parseLong(tmp.trim().split("\\s+")[1]) * 1024).as("%s /tmp size", service.name())
                    .isEqualTo(Quantity.getAmountInBytes(new Quantity(tmpSize)).longValue());
            assertThat(platform.logs(service, 100_000)).as("%s loads the OpenTelemetry agent", service.name())
                    .contains("opentelemetry-javaagent - version: " + System.getProperty("opentelemetry-javaagent.version"));
            assertThat(platform.startCpuSeconds.get(service.component()))
                    .as("%s: CPU seconds until ready, which the chart's CPU request and startup budget allow for", service.name())
                    .isLessThanOrEqualTo(Budgets.START_CPU_SECONDS);
        }
    }

    @Test
    @Order(1)
    void metricsAnswerOnTheManagementPortAndNotOnTheServicePort() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Running service : platform.services()) {
            String management = "http://127.0.0.1:" + platform.hostPort(service, ChartContainers.namedPort(service.container(), "management"));
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(management + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(service.name()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
            HttpResponse<String> onServicePort = http.send(
                    HttpRequest.newBuilder(URI.create(platform.url(service.component()) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(onServicePort.statusCode()).as("%s: the service port answers /actuator/prometheus with %d", service.name(),
                    onServicePort.statusCode()).isIn(401, 403, 404);
        }
    }

    @Test
    @Order(2)
    void speakerSubmitsOrganizerApprovesAndTheTalkIsOnTheAgendaWithBothEmailsSent() throws Exception {
        journey.walk("Containers all the way down");
    }

    @Test
    @Order(3)
    void chartsHelmTestAndConsistencyCheckPassAgainstTheContainers() {
        Podman.Result helmTest = platform.runToCompletion(platform.workloadNamed("conference-test"),
                platform.images.storesImage, List.of(), Duration.ofMinutes(3));

        assertThat(helmTest.exitCode()).as("helm test pod:\n%s%s", helmTest.out(), helmTest.err()).isZero();
        assertThat(helmTest.out()).contains("the site and the API answer");

        Podman.Result check = platform.runToCompletion(platform.workloadNamed("conference-c4p-service-consistency-check"),
                platform.images.storesImage, List.of("--entrypoint=[\"curl\"]"), Duration.ofMinutes(3));

        assertThat(check.exitCode()).as("consistency check:\n%s%s", check.out(), check.err()).isZero();
        assertThat(JsonPath.<List<Object>>read(check.out(), "$.missing")).isEmpty();
        assertThat(JsonPath.<List<Object>>read(check.out(), "$.orphans")).isEmpty();
    }

    @Test
    @Order(4)
    void underLoadEveryServiceStaysWithinItsMemoryLimitAndNothingFails() throws Exception {
        Map<String, Double> atRest = platform.memoryMiB(platform.services());
        Map<String, Double> peak = new ConcurrentHashMap<>(atRest);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        // Per kind of request: how many, and their time in all (nanoseconds), so that a slow kind shows.
        Map<String, LongAdder[]> byKind = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Site organizer = journey.loggedInOrganizer();
        try (ExecutorService pool = Executors.newFixedThreadPool(7)) {
            for (int i = 0; i < 6; i++) {
                int client = i;
                pool.submit(() -> {
                    Site visitor = new Site(platform.url("frontend-service"));
                    visitor.page("/");
                    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    for (int n = 0; loading.get() && System.nanoTime() < end && n < 50_000; n++) {
                        boolean submits = n % 4 == 3 && n % 40 == 3 && client < 2;
                        String kind = switch (n % 4) {
                            case 0 -> "agenda";
                            case 1 -> "calendar";
                            case 2 -> "search";
                            default -> submits ? "submission" : "cfp";
                        };
                        long sent = System.nanoTime();
                        HttpResponse<String> response = switch (kind) {
                            case "agenda" -> visitor.get("/api/agenda");
                            case "calendar" -> visitor.get("/api/agenda.ics");
                            case "search" -> organizer.get("/api/proposals?size=20&q=talk");
                            case "submission" -> visitor.postJson("/api/proposals", Journey.proposal("Load " + n, Journey.speaker()));
                            default -> visitor.get("/api/cfp");
                        };
                        LongAdder[] tally = byKind.computeIfAbsent(kind, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
                        tally[0].increment();
                        tally[1].add(System.nanoTime() - sent);
                        requests.incrementAndGet();
                        if (response.statusCode() >= 500) {
                            failures.add(response.statusCode() + " " + response.uri());
                        }
                    }
                });
            }
            pool.submit(() -> {
                while (loading.get()) {
                    platform.memoryMiB(platform.services()).forEach((service, used) -> peak.merge(service, used, Math::max));
                    ChartContainers.sleep(Duration.ofSeconds(1));
                }
            });
            ChartContainers.sleep(Duration.ofSeconds(20));
            loading.set(false);
        }

        assertThat(failures).as("5xx answers under load").isEmpty();
        ContainerReport.line("Load through the frontend container: %d requests in 20 s from 6 clients, none failed (%s)", requests.get(),
                String.join(", ", byKind.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(kind -> String.format("%s %d, %.0f ms on average", kind.getKey(), kind.getValue()[0].sum(),
                                kind.getValue()[1].sum() / 1e6 / Math.max(1, kind.getValue()[0].sum())))
                        .toList()));
        for (Running service : platform.services()) {
            double limit = Quantity.getAmountInBytes(service.container().getResources().getLimits().get("memory")).doubleValue()
                    / (1024 * 1024);
            ContainerReport.line("%s memory: %.0f MiB at rest, %.0f MiB peak under load, limit %.0f MiB",
                    service.component(), atRest.get(service.component()), peak.get(service.component()), limit);
            assertThat(peak.get(service.component())).as("%s peak memory", service.component()).isLessThan(limit);
            assertThat(platform.isRunning(service)).as("%s still runs", service.name()).isTrue();
        }
    }

    @Test
    @Order(5)
    void eachServiceFinishesItsRequestsOnSigtermExitsWithinTheGracePeriodAndThePlatformRecoversAfterARestart()
            throws Exception {
        // What each service is asked while it shuts down: its own work, through its own API.
        Map<String, ShutdownLoad.Request> lightLoad = Map.of(
                "frontend-service", ShutdownLoad.get("/api/agenda"),
                "c4p-service", ShutdownLoad.get("/proposals?size=20"),
                "agenda-service", ShutdownLoad.get("/agenda-items"),
                "email-service", new ShutdownLoad.Request("POST", "/emails", () -> """
                        {"idempotencyKey":"shutdown-test:%s","template":"PROPOSAL_RECEIVED","to":"shutdown@example.com",\
                        "speakerName":"Ada Container","proposalTitle":"Graceful shutdown","trackingUrl":"http://localhost/track/x"}\
                        """.formatted(UUID.randomUUID())));
        for (Running service : platform.services()) {
            int port = platform.hostPort(service, ChartContainers.namedPort(service.container(), "http"));
            ShutdownLoad load = new ShutdownLoad(port, lightLoad.get(service.component()));
            load.start(2);
            ChartContainers.sleep(Duration.ofSeconds(2));

            long signalled = System.nanoTime();
            load.signalled();
            Podman.check("kill", "--signal", "TERM", service.name());
            Awaitility.await(service.name() + " exits").atMost(Duration.ofSeconds(service.graceSeconds() + 10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !platform.isRunning(service));
            double stoppedIn = Images.seconds(signalled);
            ChartContainers.sleep(Duration.ofMillis(500));
            load.stop();

            String exitCode = Podman.check("inspect", "--format", "{{.State.ExitCode}}", service.name());
            ContainerReport.line("%s on SIGTERM under load: exit %s after %.1f s (%d s left of the grace period after the preStop "
                            + "sleep); %d answered, %d turned away "
                            + "after SIGTERM, %d failed", service.component(), exitCode, stoppedIn, service.graceSeconds() - service.preStopSleepSeconds(),
                    load.answered.get(), load.turnedAway.get(), load.failed.size());
            assertThat(load.failed).as("%s: requests that failed while it shut down", service.component()).isEmpty();
            assertThat(load.answered.get()).as("%s answered under load", service.component()).isPositive();
            assertThat(exitCode).as("%s exit code (143: ended by SIGTERM)", service.component()).isIn("0", "143");
            assertThat(stoppedIn).as("%s stop time: SIGTERM comes after the preStop sleep, within the grace period",
                    service.component()).isLessThan(service.graceSeconds() - service.preStopSleepSeconds());
            assertThat(platform.logs(service, 200)).as("%s shut down gracefully", service.component())
                    .contains("Graceful shutdown complete");

            long restarted = System.nanoTime();
            Podman.check("start", service.name());
            platform.awaitReady(service, ChartContainers.startupBudget(service));
            ContainerReport.line("%s ready again %.1f s after a restart", service.component(), Images.seconds(restarted));
        }

        journey.walk("After every service restarted");
    }

    /**
     * A light load on one service's port while it shuts down, each request on a connection of its own, as
     * traffic reaches a pod from many clients. Every request sent before SIGTERM must be answered, and no
     * answer may be a 5xx. A request sent after SIGTERM that the server never took (connection refused, not
     * accepted in time, or closed before a single byte of an answer) is counted apart as turned away: in
     * Kubernetes the pod has left its Service's endpoints by then, during the preStop sleep.
     */
    private static final class ShutdownLoad {

        /** One HTTP request; the body (may be null) is made anew for each request. */
        record Request(String method, String path, java.util.function.Supplier<String> body) {

            byte[] bytes() {
                String content = body == null ? "" : body.get();
                String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                        + "Connection: close\r\n" + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
                        + content.getBytes(StandardCharsets.UTF_8).length + "\r\n") + "\r\n";
                return (head + content).getBytes(StandardCharsets.UTF_8);
            }
        }

        static Request get(String path) {
            return new Request("GET", path, null);
        }

        private final int port;
        private final Request request;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newCachedThreadPool();
        private volatile long signalledAt = Long.MAX_VALUE;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger turnedAway = new AtomicInteger();
        final List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());

        ShutdownLoad(int port, Request request) {
            this.port = port;
            this.request = request;
        }

        void start(int connections) {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int i = 0; i < connections; i++) {
                clients.submit(() -> {
                    for (int n = 0; running.get() && System.nanoTime() < end && n < 100_000; n++) {
                        once();
                    }
                });
            }
        }

        /** Marks the moment SIGTERM is sent. */
        void signalled() {
            signalledAt = System.nanoTime();
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        private void once() {
            long sent = System.nanoTime();
            String outcome;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.bytes());
                out.flush();
                outcome = answer(socket.getInputStream());
            } catch (ConnectException | SocketTimeoutException e) {
                outcome = null; // refused, or not accepted in time
            } catch (IOException e) {
                outcome = e.getMessage() != null && e.getMessage().contains("reset") ? null : e.toString();
            }
            if (outcome == null) {
                if (sent < signalledAt) {
                    failed.add("turned away before SIGTERM");
                } else {
                    turnedAway.incrementAndGet();
                }
                ChartContainers.sleep(Duration.ofMillis(20));
            } else if (outcome.equals("ok")) {
                answered.incrementAndGet();
            } else {
                failed.add(outcome);
            }
        }

        /** "ok", null when the server closed without a byte, or what went wrong. */
        private static String answer(InputStream in) throws IOException {
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (response.isEmpty()) {
                return null;
            }
            if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
                return "a partial answer: " + response;
            }
            int status = Integer.parseInt(response.substring(9, 12));
            return status >= 500 ? "answered " + status : "ok";
        }
    }
}

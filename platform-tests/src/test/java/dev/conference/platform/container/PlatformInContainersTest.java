package dev.conference.platform.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.container.ChartContainers.Running;
import io.fabric8.kubernetes.api.model.Quantity;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four images run as the umbrella chart runs them (see {@link ChartContainers}), with PostgreSQL
 * and Redis behind passwords and an SMTP sink: hardened as the chart says, the whole journey through
 * the frontend container, the chart's helm test and consistency check, memory under load, and each
 * service stopped with SIGTERM under load and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformInContainersTest {

    private static ChartContainers platform;
    private static Site site;

    @BeforeAll
    static void startContainers() {
        platform = ChartContainers.started();
        site = new Site(platform.url("frontend-service"));
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
        }
    }

    @Test
    @Order(2)
    void speakerSubmitsOrganizerApprovesAndTheTalkIsOnTheAgendaWithBothEmailsSent() throws Exception {
        walkTheJourney("Containers all the way down");
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
        Map<String, Double> atRest = new LinkedHashMap<>();
        for (Running service : platform.services()) {
            atRest.put(service.component(), platform.memoryMiB(service));
        }
        Map<String, Double> peak = new ConcurrentHashMap<>(atRest);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Site organizer = loggedInOrganizer();
        try (ExecutorService pool = Executors.newFixedThreadPool(7)) {
            for (int i = 0; i < 6; i++) {
                int client = i;
                pool.submit(() -> {
                    Site visitor = new Site(platform.url("frontend-service"));
                    visitor.get("/");
                    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    for (int n = 0; loading.get() && System.nanoTime() < end && n < 50_000; n++) {
                        HttpResponse<String> response = switch (n % 4) {
                            case 0 -> visitor.get("/api/agenda");
                            case 1 -> visitor.get("/api/agenda.ics");
                            case 2 -> organizer.get("/api/proposals?size=20&q=talk");
                            default -> n % 40 == 3 && client < 2
                                    ? visitor.postJson("/api/proposals", proposal("Load " + n, speaker()))
                                    : visitor.get("/api/cfp");
                        };
                        requests.incrementAndGet();
                        if (response.statusCode() >= 500) {
                            failures.add(response.statusCode() + " " + response.uri());
                        }
                    }
                });
            }
            pool.submit(() -> {
                while (loading.get()) {
                    for (Running service : platform.services()) {
                        peak.merge(service.component(), platform.memoryMiB(service), Math::max);
                    }
                    ChartContainers.sleep(Duration.ofSeconds(1));
                }
            });
            ChartContainers.sleep(Duration.ofSeconds(20));
            loading.set(false);
        }

        assertThat(failures).as("5xx answers under load").isEmpty();
        ContainerReport.line("Load through the frontend container: %d requests in 20 s from 6 clients, none failed", requests.get());
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
        Map<String, String> lightLoad = Map.of(
                "frontend-service", "/api/agenda",
                "c4p-service", "/cfp",
                "agenda-service", "/agenda-items",
                "email-service", "/actuator/health/readiness");
        for (Running service : platform.services()) {
            int port = platform.hostPort(service, ChartContainers.namedPort(service.container(), "http"));
            ShutdownLoad load = new ShutdownLoad(port, lightLoad.get(service.component()));
            load.start(2);
            ChartContainers.sleep(Duration.ofSeconds(2));

            long signalled = System.nanoTime();
            Podman.check("kill", "--signal", "TERM", service.name());
            Awaitility.await(service.name() + " exits").atMost(Duration.ofSeconds(service.graceSeconds() + 10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !platform.isRunning(service));
            double stoppedIn = Images.seconds(signalled);
            ChartContainers.sleep(Duration.ofMillis(500));
            load.stop();

            String exitCode = Podman.check("inspect", "--format", "{{.State.ExitCode}}", service.name());
            ContainerReport.line("%s on SIGTERM under load: exit %s after %.1f s (grace %d s); %d answered, %d refused after the "
                            + "listener closed, %d failed", service.component(), exitCode, stoppedIn, service.graceSeconds(),
                    load.answered.get(), load.refused.get(), load.failed.size());
            assertThat(load.failed).as("%s: requests that failed while it shut down", service.component()).isEmpty();
            assertThat(load.answered.get()).as("%s answered under load", service.component()).isPositive();
            assertThat(exitCode).as("%s exit code (143: ended by SIGTERM)", service.component()).isIn("0", "143");
            assertThat(stoppedIn).as("%s stop time", service.component()).isLessThan(service.graceSeconds());
            assertThat(platform.logs(service, 200)).as("%s shut down gracefully", service.component())
                    .contains("Graceful shutdown complete");

            long restarted = System.nanoTime();
            Podman.check("start", service.name());
            platform.awaitReady(service, ChartContainers.startupBudget(service));
            ContainerReport.line("%s ready again %.1f s after a restart", service.component(), Images.seconds(restarted));
        }

        site = new Site(platform.url("frontend-service"));
        walkTheJourney("After every service restarted");
    }

    /** Submit, log in, approve; the talk reaches the agenda and the speaker's inbox gets both emails. */
    private static void walkTheJourney(String title) throws Exception {
        assertThat(site.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> agenda = site.get("/api/agenda");
        assertThat(agenda.statusCode()).isEqualTo(200);
        assertThat(agenda.headers().firstValue("Content-Type").orElse("")).contains("json");

        String speaker = speaker();
        HttpResponse<String> submitted = site.postJson("/api/proposals", proposal(title, speaker));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JsonPath.read(submitted.body(), "$.id");

        Site organizer = loggedInOrganizer();
        HttpResponse<String> decided = organizer.postJson("/api/proposals/" + id + "/decision", "{\"decision\":\"APPROVED\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        Awaitility.await("the talk is on the agenda").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> JsonPath.<List<Object>>read(site.get("/api/agenda").body(), "$..[?(@.proposalId == '" + id + "')]").size() == 1);
        Awaitility.await("both emails reached the SMTP server").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> subjectsTo(speaker).size() == 2);
        assertThat(subjectsTo(speaker)).anyMatch(s -> s.contains("received")).anyMatch(s -> s.contains("accepted"));
    }

    private static Site loggedInOrganizer() {
        Site organizer = new Site(platform.url("frontend-service"));
        organizer.get("/");
        organizer.get("/api/session");
        String password = platform.release.secretData("conference-frontend-service-organizer-passwords").get("organizer");
        HttpResponse<String> login = organizer.logIn("organizer", password);
        assertThat(login.statusCode()).as("organizer login: %s", login.body()).isBetween(200, 299);
        return organizer;
    }

    private static List<String> subjectsTo(String address) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "2000");
        properties.put("mail.imap.timeout", "5000");
        Store store = Session.getInstance(properties).getStore("imap");
        try {
            store.connect("127.0.0.1", platform.imapPort(), address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of(); // no mail for that address yet
        } finally {
            store.close();
        }
    }

    private static String speaker() {
        return "speaker-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String proposal(String title, String speakerEmail) {
        return """
                {"title":"%s","abstract":"Run hardened, as the chart runs it.","speakerName":"Ada Container","speakerEmail":"%s"}
                """.formatted(title, speakerEmail);
    }

    /**
     * A light load on one service's port while it shuts down: each request on a connection of its own, as
     * traffic arrives at a pod from many clients. A request whose connection was accepted must be
     * answered, and not with a 5xx; a connection refused once the listener has closed is counted apart:
     * in Kubernetes the pod has left its Service's endpoints by then (the preStop sleep).
     */
    private static final class ShutdownLoad {

        private final int port;
        private final String path;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newCachedThreadPool();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());

        ShutdownLoad(int port, String path) {
            this.port = port;
            this.path = path;
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

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        private void once() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!response.startsWith("HTTP/1.1 ")) {
                    failed.add("no answer on an accepted connection");
                    return;
                }
                int status = Integer.parseInt(response.substring(9, 12));
                if (status >= 500) {
                    failed.add(String.valueOf(status));
                } else {
                    answered.incrementAndGet();
                }
            } catch (ConnectException e) {
                refused.incrementAndGet();
                ChartContainers.sleep(Duration.ofMillis(20));
            } catch (IOException e) {
                failed.add(e.toString());
            }
        }
    }
}

package dev.conference.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

/**
 * Agenda reads under load, in one run on one machine: {@code GET /api/agenda} through the gateway
 * (frontend-service), {@code GET /agenda-items} from agenda-service directly, and nginx serving the
 * very bytes the gateway answered as a static file (without the micro-cache also nginx as a plain reverse proxy in
 * front of agenda-service: what any proxy costs on this machine). wrk drives each with the same threads,
 * connections and duration; everything listens on 127.0.0.1.
 *
 * <p>Goals, per round: with the micro-cache (the default), gateway ≥ 0.8 × nginx requests/s with p99
 * under 10 ms; without it ({@code -Dbench.micro-cache=off}: every read goes to agenda-service), gateway ≥
 * 0.5 × agenda-service's own rate, with no call refused by the {@code agenda-public} breaker or bulkhead
 * and no stale answer. Refused calls and stale answers are read from the gateway's Prometheus metrics
 * before and after each gateway run. Each measured run starts on a quiet machine ({@link QuietMachine}): a
 * JVM goes on compiling for seconds after its load stops, and would take CPU from the next target.
 *
 * <p>Not part of the test suite. Run with {@code bench/agenda-read.sh} (which installs wrk and nginx
 * when missing). Settings (system properties): {@code bench.talks} (40), {@code bench.micro-cache}
 * (on), {@code bench.connections} (64), {@code bench.threads} (2), {@code bench.warmup} (10s),
 * {@code bench.duration} (20s), {@code bench.rounds} (2), {@code bench.jvm-options} (added to every
 * service's), {@code bench.wrk-cpus} (wrk runs under {@code taskset -c} with these CPUs; none by
 * default), {@code bench.wrk}, {@code bench.nginx}, {@code bench.reference-agenda-jar} (an agenda-service jar of
 * an earlier build: it runs beside the current one on the same Redis data and is measured after it, for the
 * same-run ratio of the two; none by default).
 */
class AgendaReadBenchmark {

    private static final int TALKS = Integer.getInteger("bench.talks", 40);
    private static final boolean MICRO_CACHE = !"off".equals(System.getProperty("bench.micro-cache", "on"));
    private static final String WRK_CPUS = System.getProperty("bench.wrk-cpus", "").strip();
    /** Talks per conference day: 8 slots in 5 rooms. */
    private static final int TALKS_PER_DAY = 40;
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final String WARM_UP = System.getProperty("bench.warmup", "10s");
    private static final String DURATION = System.getProperty("bench.duration", "20s");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    /** A measurement starts after a quiet second, or after this long: the target run before it may still be echoing. */
    private static final Duration SETTLE_AT_MOST = Duration.ofSeconds(30);
    private static final String WRK = System.getProperty("bench.wrk", "/usr/bin/wrk");
    private static final String NGINX = System.getProperty("bench.nginx", "/usr/sbin/nginx");
    /** Added to every service's JVM options, e.g. to try Netty settings. */
    private static final String REFERENCE_AGENDA_JAR = System.getProperty("bench.reference-agenda-jar", "").strip();
    private static final String REFERENCE_TARGET = "agenda-service, reference jar";
    /** Without the micro-cache: nginx as a plain reverse proxy in front of agenda-service, what a proxy costs here. */
    private static final String NGINX_PROXY = "nginx proxy to agenda-service";
    private static final String EXTRA_JVM_OPTIONS = System.getProperty("bench.jvm-options", "").strip();

    /** wrk prints this line when a run is done (see {@link #REPORT_SCRIPT}). */
    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) rps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) max_ms=([0-9.]+) non2xx=(\\d+) "
                    + "socket_errors=(\\d+)");
    private static final String REPORT_SCRIPT = """
            done = function(summary, latency, requests)
              local seconds = summary.duration / 1e6
              local e = summary.errors
              io.write(string.format(
                "RESULT requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\\n",
                summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
                latency:percentile(99) / 1000, latency.max / 1000, e.status,
                e.connect + e.read + e.write + e.timeout))
            end
            """;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Result(long requests, double rps, double p50, double p99, double max, long non2xx, long socketErrors) {
    }

    /** What the gateway counted during a run: calls the agenda-public breaker or bulkhead refused, and stale answers. */
    record Counted(double refused, double stale) {

        Counted minus(Counted before) {
            return new Counted(refused - before.refused, stale - before.stale);
        }
    }

    @Test
    void agendaReadsThroughTheGatewayAgainstAgendaServiceAndNginx() throws Exception {
        for (String tool : List.of(WRK, NGINX)) {
            assertThat(Path.of(tool)).as("%s (apt-get install wrk nginx)", tool).isExecutable();
        }
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Platform platform = Platform.start(new Platform.Grid(days(),
                "09:00-09:45,10:00-10:45,11:00-11:45,12:00-12:45,13:30-14:15,14:30-15:15,15:30-16:15,16:30-17:15",
                "Main Hall,Room A,Room B,Room C,Room D"), AgendaReadBenchmark::jvmOptions,
                MICRO_CACHE ? Map.of() : Map.of("frontend.agenda.micro-cache-ttl", "0s"));
        Path work = Files.createTempDirectory("agenda-read-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Process nginx = null;
        ServiceProcess reference = null;
        try {
            putAgenda(platform);

            byte[] agendaJson = get(platform.frontend.url() + "/api/agenda");
            assertThat(JsonPath.<List<Object>>read(new String(agendaJson), "$")).hasSize(TALKS);
            assertThat(get(platform.agenda.url() + "/agenda-items")).isEqualTo(agendaJson);
            Path www = Files.createDirectories(work.resolve("www"));
            Files.write(www.resolve("agenda.json"), agendaJson);
            int nginxPort = Platform.freePort();
            nginx = startNginx(work, nginxPort, URI.create(platform.agenda.url()).getPort());
            String nginxUrl = "http://127.0.0.1:" + nginxPort + "/agenda.json";
            awaitAnswer(nginxUrl);
            assertThat(get(nginxUrl)).isEqualTo(agendaJson);
            Path script = work.resolve("report.lua");
            Files.writeString(script, REPORT_SCRIPT);

            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("gateway GET /api/agenda", platform.frontend.url() + "/api/agenda");
            targets.put("agenda-service GET /agenda-items", platform.agenda.url() + "/agenda-items");
            targets.put("nginx static file", nginxUrl);
            if (!MICRO_CACHE) {
                String proxiedUrl = "http://127.0.0.1:" + nginxPort + "/proxied/agenda-items";
                assertThat(get(proxiedUrl)).isEqualTo(agendaJson);
                targets.put(NGINX_PROXY, proxiedUrl);
            }
            byte[] referenceJson = null;
            if (!REFERENCE_AGENDA_JAR.isEmpty()) {
                // An older build may not read today's items: it gets a key space of its own and the same talks,
                // written through its API in the agenda's order, with the fields every version takes.
                reference = platform.agenda.referenceFrom(Path.of(REFERENCE_AGENDA_JAR), Platform.freePort(),
                        Map.of("agenda.key-prefix", platform.redis.keyPrefix() + "reference:")).start()
                        .awaitReady(Duration.ofMinutes(2));
                RestClient referenceApi = RestClient.builder().baseUrl(reference.url()).build();
                for (Map<String, Object> talk : JsonPath.<List<Map<String, Object>>>read(new String(agendaJson), "$")) {
                    referenceApi.post().uri("/agenda-items").contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("proposalId", talk.get("proposalId"), "title", talk.get("title"),
                                    "abstract", talk.get("abstract"), "speakerName", talk.get("speakerName")))
                            .retrieve().toBodilessEntity();
                }
                referenceJson = get(reference.url() + "/agenda-items");
                assertThat(JsonPath.<List<Object>>read(new String(referenceJson), "$")).as("the reference's agenda")
                        .hasSize(TALKS);
                targets.put(REFERENCE_TARGET, reference.url() + "/agenda-items");
            }

            BenchReport report = new BenchReport("agenda-read" + (MICRO_CACHE ? "" : "-uncached")
                    + (TALKS == 40 ? "" : "-" + TALKS + "-talks"));
            report.line("GET of the whole agenda: %d talks, %d bytes of JSON; wrk -t%d -c%d -d%s (after a %s warm-up "
                    + "per target), %d rounds%s", TALKS, agendaJson.length, THREADS, CONNECTIONS, DURATION, WARM_UP, ROUNDS,
                    WRK_CPUS.isEmpty() ? "" : ", wrk on CPUs " + WRK_CPUS);
            report.line("gateway micro-cache: %s", MICRO_CACHE ? "on (production settings: 1 s)"
                    : "off (frontend.agenda.micro-cache-ttl=0s: every read goes to agenda-service)");
            report.line("machine: %d CPUs (%s), load average before the run: %s",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), loadBefore);
            report.line("services: Java %s, JVM options as their charts set them, agenda-service's: %s", Runtime.version(),
                    String.join(" ", jvmOptions("agenda-service")));
            if (referenceJson != null) {
                report.line("reference: agenda-service from %s, the same %d talks in a key space of its own, %d bytes of JSON "
                        + "(its items have fewer fields)", REFERENCE_AGENDA_JAR, TALKS, referenceJson.length);
            }
            for (String url : targets.values()) {
                wrk(script, url, WARM_UP);
            }
            List<Double> ratios = new ArrayList<>();
            List<Double> settled = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                report.line("");
                report.line("round %d", round);
                report.line("%-34s %10s %8s %8s %8s %8s %8s", "target", "req/s", "p50 ms", "p99 ms", "max ms", "non-2xx",
                        "errors");
                Map<String, Result> results = new LinkedHashMap<>();
                Counted counted = null;
                for (var target : targets.entrySet()) {
                    boolean gatewayRun = target.getKey().startsWith("gateway");
                    settled.add(QuietMachine.settle(SETTLE_AT_MOST).toMillis() / 1000.0);
                    Counted before = gatewayRun ? counted(platform.frontend.url()) : null;
                    Result result = wrk(script, target.getValue(), DURATION);
                    if (gatewayRun) {
                        counted = counted(platform.frontend.url()).minus(before);
                    }
                    results.put(target.getKey(), result);
                    report.line("%-34s %10.0f %8.2f %8.2f %8.2f %8d %8d", target.getKey(), result.rps(), result.p50(),
                            result.p99(), result.max(), result.non2xx(), result.socketErrors());
                }
                if (results.containsKey(REFERENCE_TARGET)) {
                    double speedUp = results.get("agenda-service GET /agenda-items").rps() / results.get(REFERENCE_TARGET).rps();
                    report.line("agenda-service / reference jar requests/s: %.2f (goal >= 5: %s)", speedUp,
                            speedUp >= 5 ? "met" : "MISSED");
                }
                Result gateway = results.get("gateway GET /api/agenda");
                report.line("gateway: %.0f calls refused by the agenda-public breaker or bulkhead, %.0f stale answers",
                        counted.refused(), counted.stale());
                if (MICRO_CACHE) {
                    double ratio = gateway.rps() / results.get("nginx static file").rps();
                    ratios.add(ratio);
                    report.line("gateway / nginx requests/s: %.2f (goal >= 0.8: %s); gateway p99 %.2f ms (goal < 10 ms: %s)",
                            ratio, ratio >= 0.8 ? "met" : "MISSED", gateway.p99(), gateway.p99() < 10 ? "met" : "MISSED");
                } else {
                    double direct = results.get("agenda-service GET /agenda-items").rps();
                    double ratio = gateway.rps() / direct;
                    ratios.add(ratio);
                    boolean clean = counted.refused() == 0 && counted.stale() == 0 && gateway.non2xx() == 0;
                    report.line("gateway / agenda-service requests/s: %.2f (goal >= 0.5: %s); refused 0, stale 0, non-2xx 0: %s",
                            ratio, ratio >= 0.5 ? "met" : "MISSED", clean ? "met" : "MISSED");
                    double proxied = results.get(NGINX_PROXY).rps();
                    report.line("nginx proxy / agenda-service requests/s: %.2f; gateway / nginx proxy: %.2f", proxied / direct,
                            gateway.rps() / proxied);
                }
            }
            report.line("");
            report.line("before each target the run waited for a quiet second (CPUs < %.0f%% busy, at most %d s): %s s",
                    QuietMachine.QUIET * 100, SETTLE_AT_MOST.toSeconds(),
                    String.join(" / ", settled.stream().map(seconds -> String.format("%.1f", seconds)).toList()));
            report.line("load average after the run: %s", Files.readString(Path.of("/proc/loadavg")).trim());
            report.write();
        } finally {
            if (nginx != null) {
                nginx.destroy();
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            }
            if (reference != null) {
                reference.stop();
            }
            platform.stop();
            FileSystemUtils.deleteRecursively(work);
        }
    }

    /** Enough conference days for {@link #TALKS}, from 2027-05-12 on. */
    private static String days() {
        LocalDate first = LocalDate.parse("2027-05-12");
        int count = Math.max(3, (TALKS + TALKS_PER_DAY - 1) / TALKS_PER_DAY);
        return IntStream.range(0, count).mapToObj(day -> first.plusDays(day).toString()).collect(Collectors.joining(","));
    }

    /** The gateway's counters: refused agenda-public calls (breaker open, bulkhead full) and stale agenda answers. */
    private static Counted counted(String frontendUrl) {
        String metrics = new String(get(frontendUrl + "/actuator/prometheus"), java.nio.charset.StandardCharsets.UTF_8);
        double refused = 0;
        double stale = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            boolean agendaPublic = line.contains("name=\"agenda-public\"");
            if (line.startsWith("frontend_agenda_stale_answers_total")) {
                stale += value;
            } else if (agendaPublic && (line.startsWith("resilience4j_circuitbreaker_not_permitted_calls_total")
                    || (line.startsWith("resilience4j_circuitbreaker_calls_seconds_count") && line.contains("kind=\"ignored\"")))) {
                refused += value;
            }
        }
        return new Counted(refused, stale);
    }

    private static List<String> jvmOptions(String service) {
        List<String> options = new ArrayList<>(ServiceProcess.asInContainer(service));
        if (!EXTRA_JVM_OPTIONS.isEmpty()) {
            options.addAll(List.of(EXTRA_JVM_OPTIONS.split("\\s+")));
        }
        return options;
    }

    /** Submits and approves realistic proposals until the agenda holds {@link #TALKS} talks. */
    private static void putAgenda(Platform platform) throws InterruptedException {
        RestClient c4p = RestClient.builder().baseUrl(platform.c4p.url()).build();
        String abstractText = "Most outages we have seen were not caused by one component failing but by the way the "
                + "rest of the system reacted to it: retries that multiplied load, timeouts longer than the caller's, "
                + "caches that went cold at the worst moment. In this talk we walk through three incidents from "
                + "production, show the dashboards we had and the ones we wished we had, and derive a short list of "
                + "design rules: bound every wait, make every side effect idempotent, and test the failure paths as "
                + "carefully as the happy ones. You will leave with code you can reuse on Monday.";
        for (int i = 1; i <= TALKS; i++) {
            String created = c4p.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON).body("""
                    {"title":"Talk %d: what production taught us about resilient services","abstract":"%s",
                     "speakerName":"Speaker Number %d","speakerEmail":"speaker-%d@example.com"}
                    """.formatted(i, abstractText, i, i)).retrieve().body(String.class);
            c4p.post().uri("/proposals/{id}/decision", JsonPath.<String>read(created, "$.id"))
                    .contentType(MediaType.APPLICATION_JSON).header("X-Organizer", "bench")
                    .body("{\"decision\":\"APPROVED\"}").retrieve().toBodilessEntity();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + TALKS / 2);
        while (JsonPath.<List<Object>>read(new String(get(platform.agenda.url() + "/agenda-items")), "$").size() < TALKS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agenda did not get its " + TALKS + " talks");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Serves the agenda's bytes as a static file at {@code /agenda.json} and, at {@code /proxied/agenda-items}, proxies
     * to agenda-service over kept-alive connections, buffering its answer in memory.
     */
    private static Process startNginx(Path work, int port, int agendaPort) throws IOException {
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  sendfile on;
                  tcp_nopush on;
                  keepalive_timeout 65;
                  keepalive_requests 1000000;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  default_type application/json;
                  upstream agenda-service {
                    server 127.0.0.1:%3$d;
                    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:%2$d;
                    root %1$s/www;
                    location = /proxied/agenda-items {
                      proxy_pass http://agenda-service/agenda-items;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffers 16 8k;
                    }
                  }
                }
                """.formatted(work, port, agendaPort));
        Files.createDirectories(work.resolve("tmp"));
        return new ProcessBuilder(NGINX, "-p", work.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("nginx.out").toFile())
                .start();
    }

    private static Result wrk(Path script, String url, String duration) throws IOException, InterruptedException {
        Path out = script.resolveSibling("wrk.out");
        List<String> command = new ArrayList<>();
        if (!WRK_CPUS.isEmpty()) {
            command.addAll(List.of("taskset", "-c", WRK_CPUS));
        }
        command.addAll(List.of(WRK, "-t" + THREADS, "-c" + CONNECTIONS, "-d" + duration, "--timeout", "2s",
                "-s", script.toString(), url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long seconds = Duration.parse("PT" + duration.toUpperCase()).toSeconds();
        if (!wrk.waitFor(seconds + 30, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + Files.readString(out));
        }
        String output = Files.readString(out);
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk answered no result for " + url + ":\n" + output);
        }
        return new Result(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                Double.parseDouble(matcher.group(5)), Long.parseLong(matcher.group(6)), Long.parseLong(matcher.group(7)));
    }

    private static byte[] get(String url) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitAnswer(String url) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                get(url);
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.replaceFirst("model name\\s*:\\s*", "")).findFirst().orElse("unknown CPU");
    }
}

package dev.conference.platform.observability;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.Processes;
import dev.conference.platform.ServiceProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (the {@code prometheus} binary on the PATH) on a free loopback port, scraping the
 * services' /actuator/prometheus every second with the labels the Prometheus Operator gives a
 * ServiceMonitor's targets, and evaluating the given rules file every second. Its data lives in a
 * temporary directory removed on {@link #close}.
 */
final class LocalPrometheus implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final Path directory;
    private final String url;

    private LocalPrometheus(Process process, Path directory, String url) {
        this.process = process;
        this.directory = directory;
        this.url = url;
    }

    /** Fails in CI and skips elsewhere when there is no prometheus binary. */
    static void assumeInstalled() {
        boolean installed = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).anyMatch(dir -> Files.isExecutable(Path.of(dir, "prometheus")));
        if (!installed) {
            String why = "prometheus is not on the PATH (Debian/Ubuntu: apt-get install prometheus): the dashboards' and "
                    + "rules' queries are run against a real Prometheus scraping the services";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
    }

    static LocalPrometheus start(String namespace, List<ServiceProcess> services, Path rules) {
        try {
            Path directory = Files.createTempDirectory("prometheus");
            Files.writeString(directory.resolve("prometheus.yml"), config(namespace, services, rules));
            int port = Platform.freePort();
            Path log = Path.of(System.getProperty("platform.logs", "target/platform-logs"), "prometheus.log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("prometheus",
                    "--config.file=" + directory.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1h",
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            LocalPrometheus prometheus = new LocalPrometheus(process, directory, "http://127.0.0.1:" + port);
            try {
                prometheus.awaitReady(log);
            } catch (RuntimeException | Error e) {
                prometheus.close();
                throw e;
            }
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(String namespace, List<ServiceProcess> services, Path rules) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - "%s"
                scrape_configs:
                """.formatted(rules.toAbsolutePath()));
        for (ServiceProcess service : services) {
            URI target = URI.create(service.url());
            yaml.append("""
                      - job_name: %1$s
                        metrics_path: /actuator/prometheus
                        static_configs:
                          - targets: ["%2$s:%3$d"]
                            labels: {namespace: %4$s, service: %1$s, pod: %1$s-0, container: %1$s}
                    """.formatted(service.name(), target.getHost(), target.getPort(), namespace));
        }
        return yaml.toString();
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("prometheus was not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** The result of an instant query: its series, each a map with "metric" and "value". */
    List<Map<String, Object>> query(String promql) {
        String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(JsonPath.read(body, "$.status"))) {
            throw new IllegalStateException("query failed: " + promql + "\n" + body);
        }
        return JsonPath.read(body, "$.data.result");
    }

    /** The rules Prometheus loaded, each with "name", "health" and "lastError". */
    List<Map<String, Object>> rules() {
        return JsonPath.read(get("/api/v1/rules"), "$.data.groups[*].rules[*]");
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no failure of the test
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

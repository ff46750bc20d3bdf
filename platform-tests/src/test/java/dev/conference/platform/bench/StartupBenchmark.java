package dev.conference.platform.bench;

import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each service's time from process start to a ready readiness probe, started alone (the others idle), the
 * way its image starts it against the plain jar ({@code java -jar}) in the same run, and its resident
 * memory at rest in each way. "As the image": the extracted jar and the AOT cache of a training run
 * ({@link ImageLaunch}), as the service's Dockerfile makes them; beside it, as a reference, the dynamic CDS
 * archive the images used on JRE 21 before (docs/decisions/0015-start-up-jre-25-and-aot-cache.md). Runs on
 * JDK 25 or later, the images' Java. The launches alternate, so that a change in the machine's load falls on
 * each alike. Goals: image start ≤ 0.6 × the plain jar's, RSS at rest < 256 MiB.
 *
 * <p>Run with {@code JAVA_HOME=<a JDK 25> ./mvnw -pl platform-tests -am verify -Dcontainers.skip -DskipTests=false -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false},
 * and {@code -Dbench.services=c4p-service,…} to measure only some of the services.
 */
class StartupBenchmark {

    private static final int RUNS = 3;
    private static final Duration REST = Duration.ofSeconds(10);
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    @Test
    void imageStartAgainstPlainJar() throws Exception {
        if (Runtime.version().feature() < 25) {
            throw new IllegalStateException("The images run Java 25 and read a JDK 25 AOT cache; run this benchmark on a JDK 25"
                    + " (JAVA_HOME), not " + Runtime.version());
        }
        Platform platform = Platform.start(new Platform.Grid("2027-05-12", "09:00-09:45", "Main Hall"),
                ServiceProcess::asInContainer);
        try {
            BenchReport report = new BenchReport("startup");
            report.line("JVM %s, load average before: %s", Runtime.version(), Files.readString(Path.of("/proc/loadavg")).trim());
            report.line("| service | start | process start -> ready, %d runs (s) | median (s) | ratio to plain jar | RSS at rest (MiB) |", RUNS);
            report.line("|---|---|---|---:|---:|---:|");
            String only = System.getProperty("bench.services");
            for (ServiceProcess service : List.of(platform.email, platform.agenda, platform.c4p, platform.frontend)) {
                if (only != null && !List.of(only.split(",")).contains(service.name())) {
                    continue;
                }
                Map<String, ServiceProcess> launches = new LinkedHashMap<>();
                launches.put("plain jar", service);
                for (ImageLaunch.Archive archive : ImageLaunch.Archive.values()) {
                    ImageLaunch image = ImageLaunch.prepare(ServiceProcess.jarOf(service.name()), archive,
                            ServiceProcess.asInContainer(service.name()));
                    List<String> options = new ArrayList<>(ServiceProcess.asInContainer(service.name()));
                    options.addAll(image.startOptions());
                    launches.put(archive.label, service.launchedAs(image.jar(), options));
                }
                Map<String, List<Double>> seconds = new LinkedHashMap<>();
                launches.keySet().forEach(name -> seconds.put(name, new ArrayList<>()));
                service.stop();
                for (int run = 0; run < RUNS; run++) {
                    for (var launch : launches.entrySet()) {
                        ServiceProcess process = launch.getValue().start().awaitReady(READY_WITHIN);
                        seconds.get(launch.getKey()).add(process.timeToReady().toMillis() / 1000.0);
                        process.stop();
                    }
                }
                double plain = median(seconds.get("plain jar"));
                for (var launch : launches.entrySet()) {
                    ServiceProcess process = launch.getValue().start().awaitReady(READY_WITHIN);
                    Thread.sleep(REST);
                    long rss = process.residentBytes() / (1024 * 1024);
                    process.stop();
                    List<Double> times = seconds.get(launch.getKey());
                    report.line("| %s | %s | %s | %.2f | %.2f | %d |", service.name(), launch.getKey(),
                            String.join(" / ", times.stream().map(t -> String.format("%.2f", t)).toList()),
                            median(times), median(times) / plain, rss);
                }
                service.start().awaitReady(READY_WITHIN);
            }
            report.line("load average after: %s", Files.readString(Path.of("/proc/loadavg")).trim());
            report.write();
        } finally {
            platform.stop();
        }
    }

    private static double median(List<Double> values) {
        return BenchReport.quantile(values.stream().sorted().toList(), 0.5);
    }
}

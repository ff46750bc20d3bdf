package dev.conference.platform.bench;

import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each service's time from process start to a ready readiness probe, started alone (the others
 * idle), and its resident memory at rest, with the JVM options of the container image.
 *
 * <p>Run with {@code ./mvnw -pl platform-tests verify -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StartupBenchmark {

    private static final int RUNS = 3;

    @Test
    void timeToReadyAndMemoryAtRest() throws Exception {
        Platform platform = Platform.start(new Platform.Grid("2027-05-12", "09:00-09:45", "Main Hall"),
                ServiceProcess.AS_IN_CONTAINER);
        try {
            BenchReport report = new BenchReport("startup");
            report.line("%-16s %-28s %-22s %s", "service", "process start -> ready (s)", "Spring Boot 'Started'",
                    "RSS at rest (MiB)");
            for (ServiceProcess service : List.of(platform.email, platform.agenda, platform.c4p, platform.frontend)) {
                List<String> times = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    service.stop();
                    service.start().awaitReady(Duration.ofSeconds(90));
                    times.add(String.format("%.2f", service.timeToReady().toMillis() / 1000.0));
                }
                Thread.sleep(10_000);
                report.line("%-16s %-28s %-22s %d", service.name(), String.join(" / ", times), service.loggedStartup(),
                        service.residentBytes() / (1024 * 1024));
            }
            report.write();
        } finally {
            platform.stop();
        }
    }
}

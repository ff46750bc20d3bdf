package dev.conference.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.platform.Site;
import dev.conference.testsupport.TestPostgres;
import dev.conference.testsupport.TestRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * local/run.sh as a user runs it: the README's one command, with the test stores named in the
 * PLATFORM_* variables and ports of its own, stopped with Ctrl-C (SIGINT) or SIGTERM.
 */
class LocalRunTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
    private static final Path DATA = Path.of(System.getProperty("platform.logs", "target/platform-logs"))
            .toAbsolutePath().resolveSibling("local-run");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void runsThePlatformAndCtrlCStopsEverythingItStarted() throws Exception {
        int base = freePortBase();
        try (Run run = Run.start(storesOfTheTests(), "--port-base", String.valueOf(base))) {
            run.awaitOutput(output -> output.contains("The conference platform runs."), START_TIMEOUT);
            assertThat(run.output()).contains("Site            http://localhost:" + base,
                    "log in as organizer / organizer, or as reviewer reviewer / reviewer (this local run only)", "Sent emails     http://localhost:",
                    "Logs            " + DATA.resolve("logs"));

            Site site = new Site("http://localhost:" + base);
            assertThat(site.page("/").statusCode()).isEqualTo(200);
            site.page("/admin");
            assertThat(site.logIn("organizer", "organizer").statusCode()).isBetween(200, 299);
            Site asReviewer = new Site("http://localhost:" + base);
            asReviewer.page("/admin");
            assertThat(asReviewer.logIn("reviewer", "reviewer").statusCode()).isBetween(200, 299);

            List<ProcessHandle> started = run.descendants();
            assertThat(started).as("the four services and the SMTP sink").hasSizeGreaterThanOrEqualTo(5);
            run.signal("INT");

            assertThat(run.awaitExit()).as(run.output()).isEqualTo(130);
            assertThat(run.output()).contains("▸ Stopping", "✓ everything stopped");
            assertThat(started).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void sigtermWhileTheServicesStartStopsEverythingItStarted() throws Exception {
        try (Run run = Run.start(storesOfTheTests(), "--port-base", String.valueOf(freePortBase()))) {
            run.awaitOutput(output -> output.contains("▸ Starting the services"), START_TIMEOUT);
            List<ProcessHandle> started = run.descendants();
            assertThat(started).as("the SMTP sink at least").isNotEmpty();
            run.signal("TERM");

            assertThat(run.awaitExit()).as(run.output()).isEqualTo(143);
            assertThat(run.output()).contains("✓ everything stopped");
            assertThat(started).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void aProcessThatDiesStopsTheRestAndShowsItsLog() throws Exception {
        try (Run run = Run.start(storesOfTheTests(), "--port-base", String.valueOf(freePortBase()))) {
            run.awaitOutput(output -> output.contains("▸ Starting the services"), START_TIMEOUT);
            List<ProcessHandle> started = run.descendants();
            ProcessHandle sink = started.stream()
                    .filter(process -> process.info().commandLine().orElse("").contains("LocalTools mail-sink")).findFirst()
                    .orElseThrow(() -> new AssertionError("no SMTP sink among " + started));
            sink.destroyForcibly();

            assertThat(run.awaitExit()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("✗ the SMTP sink stopped unexpectedly (pid " + sink.pid(),
                    "the end of its log (" + DATA.resolve("logs/mail-sink.log"), "SMTP on 127.0.0.1:", "✓ everything stopped");
            assertThat(started).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void aTakenPortIsNamedWithTheWayOut() throws Exception {
        int base = freePortBase();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(base + 2));
            try (Run run = Run.start(storesOfTheTests(), "--port-base", String.valueOf(base))) {
                assertThat(run.awaitExit()).as(run.output()).isEqualTo(1);
                assertThat(run.output()).contains("port " + (base + 2) + " (for agenda-service) is already in use",
                        "--port-base N").doesNotContain("▸ PostgreSQL");
            }
        }
    }

    @Test
    void helpPrintsAUsageThatNamesEveryOptionAndVariable() throws Exception {
        try (Run run = Run.start(Map.of(), "--help")) {
            assertThat(run.awaitExit()).isZero();
            String usage = run.output();
            assertThat(usage).startsWith("usage: ./local/run.sh [--rebuild] [--fresh] [--port-base N] [--help]")
                    .doesNotContain("set -euo pipefail", "#!");
            String readme = Files.readString(ROOT.resolve("README.md"));
            for (String documented : List.of("--rebuild", "--fresh", "--port-base", "PLATFORM_POSTGRES_URL",
                    "PLATFORM_POSTGRES_USER", "PLATFORM_POSTGRES_PASSWORD", "PLATFORM_REDIS_HOST", "PLATFORM_REDIS_PORT",
                    "PLATFORM_REDIS_PASSWORD", "PLATFORM_SMTP_HOST", "PLATFORM_SMTP_PORT", "PLATFORM_STORES=embedded",
                    "LOCAL_DATA_DIR", "LOCAL_PORT_BASE")) {
                assertThat(usage).contains(documented);
                assertThat(readme).as("README documents " + documented).contains(documented);
            }
        }
    }

    @Test
    void anUnknownOptionExitsWith2AndSaysWhich() throws Exception {
        try (Run run = Run.start(Map.of(), "--bogus")) {
            assertThat(run.awaitExit()).isEqualTo(2);
            assertThat(run.output()).contains("unknown option --bogus (try --help)");
        }
        try (Run run = Run.start(Map.of(), "--port-base", "eighty")) {
            assertThat(run.awaitExit()).isEqualTo(2);
            assertThat(run.output()).contains("the port base must be a number from 1024 to 65532, not eighty");
        }
    }

    /** The PostgreSQL and Redis of the tests, as a user names servers of their own. */
    private static Map<String, String> storesOfTheTests() {
        TestPostgres.Database database = TestPostgres.newDatabase("localrun");
        TestRedis.KeySpace redis = TestRedis.newKeySpace("localrun");
        Map<String, String> env = new HashMap<>();
        env.put("PLATFORM_POSTGRES_URL", database.url());
        env.put("PLATFORM_POSTGRES_USER", database.username());
        env.put("PLATFORM_POSTGRES_PASSWORD", database.password() == null ? "" : database.password());
        env.put("PLATFORM_REDIS_HOST", redis.host());
        env.put("PLATFORM_REDIS_PORT", String.valueOf(redis.port()));
        env.put("PLATFORM_REDIS_PASSWORD", redis.password() == null ? "" : redis.password());
        return env;
    }

    /** Four free ports in a row, away from the defaults (8080–8083) and the other platform tests. */
    private static int freePortBase() throws IOException {
        for (int base = 18180; base < 19000; base += 4) {
            if (free(base) && free(base + 1) && free(base + 2) && free(base + 3)) {
                return base;
            }
        }
        throw new IllegalStateException("no four free ports from 18180 on");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One run of local/run.sh, its output (stdout and stderr) collected as it comes. */
    private static final class Run implements AutoCloseable {

        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        private Run(Process process) {
            this.process = process;
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.append(line).append('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "local-run-output");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Started as from a terminal: perl (part of every Debian) puts SIGINT back to its default first,
         * since a process started in the background of a script inherits it ignored.
         */
        static Run start(Map<String, String> env, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                    ROOT.resolve("local/run.sh").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("PLATFORM_") || name.startsWith("LOCAL_"));
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("LOCAL_DATA_DIR", DATA.toString());
            environment.putAll(env);
            return new Run(builder.start());
        }

        String output() {
            return output.toString();
        }

        void awaitOutput(Predicate<String> seen, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!seen.test(output())) {
                assertThat(process.isAlive()).as("local/run.sh ended early:\n" + output()).isTrue();
                assertThat(System.nanoTime()).as("local/run.sh did not get there in " + timeout + ":\n" + output()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        List<ProcessHandle> descendants() {
            return process.descendants().toList();
        }

        void signal(String signal) throws IOException, InterruptedException {
            assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("local/run.sh ended:\n" + output()).isTrue();
            reader.join(Duration.ofSeconds(10));
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                List<ProcessHandle> started = descendants();
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                started.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }
}

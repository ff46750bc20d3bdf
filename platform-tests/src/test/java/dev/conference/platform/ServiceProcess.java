package dev.conference.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * One service of the platform running as its own JVM from the jar its module built, the way it
 * runs in production: stopping it is a real outage, and SIGTERM exercises its graceful shutdown.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** For tests: a small heap and the quick-starting compiler tier. */
    public static final List<String> QUICK_START = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /**
     * As the chart runs the service's container, with the agent off: the JVM options its chart renders into
     * {@code JAVA_TOOL_OPTIONS} (the memory pools of {@code jvm.*}, and what else the chart sets); the container's
     * memory limit as the machine's memory, as the JVM in the container takes it (its heap then starts at 1/64 of
     * it and grows; with this machine's memory it would start at its maximum); SerialGC, what the JVM picks with one
     * CPU; Netty's pooled allocator, which the frontend's image sets; and, as every image's entrypoint, Netty's use
     * of sun.misc.Unsafe and of its native transport allowed without Java 25's warnings.
     */
    public static List<String> asInContainer(String service) {
        ChartedJvm chart = ChartedJvm.of(service);
        List<String> options = new ArrayList<>(chart.javaToolOptions(null));
        options.add("-XX:MaxRAM=" + chart.memoryLimitBytes());
        options.addAll(List.of("-XX:+UseSerialGC", "-Dio.netty.allocator.type=pooled", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        return List.copyOf(options);
    }

    /**
     * With the OpenTelemetry agent on, as {@code global.otel.enabled} sets it up: the chart's {@code JAVA_TOOL_OPTIONS}
     * with {@code agent} in place of the image's, and the chart's {@code OTEL_*} settings.
     */
    public static List<String> tracedAsInTheChart(String service, Path agent) {
        ChartedJvm chart = ChartedJvm.traced(service);
        List<String> options = new ArrayList<>(chart.javaToolOptions(agent));
        options.addAll(chart.agentProperties());
        return List.copyOf(options);
    }

    private final String name;
    private final int port;
    private final List<String> jvmOptions;
    private final Map<String, String> properties;
    private final Path jar;
    private final Path log;
    private Process process;
    private long startedAtNanos;
    private Duration timeToReady;

    public ServiceProcess(String name, int port, List<String> jvmOptions, Map<String, String> properties) {
        this(name, port, jvmOptions, properties, null);
    }

    private ServiceProcess(String name, int port, List<String> jvmOptions, Map<String, String> properties, Path jar) {
        this.name = name;
        this.port = port;
        this.jvmOptions = jvmOptions;
        this.properties = properties;
        this.jar = jar;
        this.log = Path.of(System.getProperty("platform.logs", "target/platform-logs"), name + ".log");
    }

    /**
     * The same service, on the same port and with the same settings, started from another jar with other JVM
     * options: for example from the extracted jar with its AOT cache, as its image starts it. Only one
     * of the two may run at a time.
     */
    public ServiceProcess launchedAs(Path jar, List<String> jvmOptions) {
        return new ServiceProcess(name, port, jvmOptions, properties, jar);
    }

    /**
     * Another instance of this service, with the same JVM options and settings but {@code changed}, started from
     * another jar (an older build, as a benchmark's reference) on a port of its own: it runs beside this one and
     * logs to its own file.
     */
    public ServiceProcess referenceFrom(Path jar, int port, Map<String, String> changed) {
        Map<String, String> settings = new HashMap<>(properties);
        settings.putAll(changed);
        return new ServiceProcess(name + "-reference", port, jvmOptions, settings, jar);
    }

    /** The copies of the jars this JVM runs, taken at first use (see {@link #jarOf}). */
    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    /**
     * The service's jar, as its module built it, copied once per test JVM under
     * target/service-jars: a service restarted during the tests runs the same code as at first
     * start, even when the module is rebuilt meanwhile.
     */
    public static Path jarOf(String module) {
        return COPIES.computeIfAbsent(module, ServiceProcess::copyOfBuiltJar);
    }

    private static Path copyOfBuiltJar(String module) {
        Path root = Path.of(System.getProperty("platform.jars", ".."));
        String file = module + "-" + System.getProperty("platform.version", "0.1.0-SNAPSHOT") + ".jar";
        Path jar = root.resolve(module).resolve("target").resolve(file);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds "
                    + "them before platform-tests)");
        }
        // A jar being written by a build running at the same time is not a whole zip yet: try again.
        IOException failure = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                Path copies = Files.createDirectories(Path.of(System.getProperty("platform.jar-copies", "target/service-jars")));
                Path copy = Files.copy(jar, copies.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                try (JarFile whole = new JarFile(copy.toFile())) {
                    whole.getManifest();
                }
                return copy;
            } catch (IOException e) {
                failure = e;
                sleep(Duration.ofSeconds(2));
            }
        }
        throw new UncheckedIOException("Could not copy " + jar + " whole", failure);
    }

    /** Starts the JVM without waiting for it. */
    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add((jar != null ? jar : jarOf(name)).toString());
        command.add("--server.port=" + port);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            startedAtNanos = System.nanoTime();
            timeToReady = null;
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        return this;
    }

    /** Waits until the readiness probe answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (isReady()) {
                timeToReady = Duration.ofNanos(System.nanoTime() - startedAtNanos);
                return this;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM ({@link Process#destroy()} on Linux), then waits for the drain and the graceful shutdown to finish. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Processes.stop(process, Duration.ofSeconds(30));
    }

    /** SIGKILL, as a crash or an OOM kill: no shutdown hook, no graceful anything. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Duration timeToReady() {
        return timeToReady;
    }

    /** Resident set size of the JVM now, from /proc (Linux). */
    public long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The start-up time Spring Boot logged ("Started … in N seconds"), if it did. */
    public String loggedStartup() {
        try {
            return Files.readAllLines(log).reversed().stream()
                    .filter(line -> line.contains("Started ") && line.contains(" seconds"))
                    .map(line -> line.replaceAll(".*Started \\S+ in ([0-9.]+) seconds.*", "$1 s"))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
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

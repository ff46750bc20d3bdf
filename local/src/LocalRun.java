import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The whole platform on this machine: builds what is missing, finds or starts the stores, starts the
 * four services, waits until each is ready, prints where everything is, and stops it all on Ctrl-C,
 * SIGTERM, or when one of its processes ends.
 */
final class LocalRun {

    static final String VERSION = "0.1.0-SNAPSHOT";
    /** In the order they start; each one's port is the port base plus its offset. */
    static final List<String> SERVICES = List.of("email-service", "agenda-service", "c4p-service", "frontend-service");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** The port of each service for a port base: frontend base, c4p +1, agenda +2, email +3. */
    static Map<String, Integer> ports(int base) {
        return Map.of("frontend-service", base, "c4p-service", base + 1, "agenda-service", base + 2, "email-service", base + 3);
    }

    private final Options options;
    private final Path root;
    private final Console console;
    private final Supervisor supervisor;
    private final Path data;
    private final Path logs;
    private final Map<String, Integer> ports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    LocalRun(Options options, Path root, Console console) {
        this.options = options;
        this.root = root;
        this.console = console;
        this.supervisor = new Supervisor(console);
        this.data = options.dataDir();
        this.logs = data.resolve("logs");
        this.ports = ports(options.portBase());
    }

    /** Returns when a process ended by itself (the run then fails); Ctrl-C and SIGTERM end the JVM instead. */
    void run() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stopAll, "stop-everything"));
        try {
            start();
        } catch (Console.Failure e) {
            if (supervisor.stopping()) {
                // Ctrl-C or SIGTERM: the processes end because they are being stopped; the JVM exits when they are.
                Thread.sleep(Long.MAX_VALUE);
            }
            throw e;
        }
    }

    private void start() throws Exception {
        Files.createDirectories(logs);
        jars();
        checkPortsFree();
        if (options.fresh()) {
            console.step("Fresh start: removing the local data in " + data);
            deleteTree(data.resolve("postgres"));
            deleteTree(data.resolve("redis"));
        }
        String site = "http://localhost:" + ports.get("frontend-service");
        Stores stores = new Stores(options, console, supervisor,
                new EmbeddedBinaries(System.getProperty("os.arch"), System.getProperty("java.class.path")));
        Stores.Postgres postgres = stores.postgres();
        Stores.Redis redis = stores.redis();
        Stores.Smtp smtp = stores.smtp(site);

        console.step("Starting the services (logs in " + logs + ")");
        Map<String, Supervisor.Child> started = new LinkedHashMap<>();
        for (String service : SERVICES) {
            started.put(service, startService(service, postgres, redis, smtp, site));
        }
        for (Map.Entry<String, Supervisor.Child> service : started.entrySet()) {
            awaitReady(service.getKey(), service.getValue());
        }
        System.out.printf("""

                %s

                  Site            %s
                  Back office     %s/admin   log in as %s / %s, or as reviewer %s / %s (this local run only)
                  Sent emails     %s
                  Logs            %s

                Press Ctrl-C to stop everything.
                """, console.bold("The conference platform runs."), console.bold(site), site, console.bold("organizer"),
                console.bold("organizer"), console.bold("reviewer"), console.bold("reviewer"), smtp.inbox() != null ? smtp.inbox() : "on " + smtp.host() + ":" + smtp.port(), logs);
        while (true) {
            failIfAnyEnded();
            Thread.sleep(1000);
        }
    }

    private void failIfAnyEnded() {
        Optional<Supervisor.Child> ended = supervisor.firstEnded();
        if (ended.isPresent()) {
            Supervisor.Child child = ended.get();
            throw Stores.failure(child.name() + " stopped unexpectedly (pid " + child.pid() + ", exit "
                    + child.process().exitValue() + "); stopping the rest", child.log());
        }
    }

    // ---- the jars ---------------------------------------------------------------------------------

    private Path builtJar(String service) {
        return root.resolve(service).resolve("target").resolve(service + "-" + VERSION + ".jar");
    }

    /** Builds the jars when asked or missing, and copies them: a build while they run cannot swap their classes. */
    private void jars() throws Exception {
        console.step("Services");
        boolean missing = SERVICES.stream().anyMatch(service -> !Files.isRegularFile(builtJar(service)));
        if (options.rebuild() || missing) {
            console.note("building the services (./mvnw -DskipTests package; the first build downloads dependencies)…");
            Path log = data.resolveSibling(data.getFileName() + ".build.log");
            Process build = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-DskipTests",
                    "-pl", String.join(",", SERVICES), "-am", "package")
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (build.waitFor() != 0) {
                throw new Console.Failure("the build failed; the end of its log (" + log + "):\n" + Supervisor.tail(log, 30));
            }
            console.ok("built");
        } else {
            console.ok("using the jars in */target (./local/run.sh --rebuild builds them again)");
        }
        Files.createDirectories(data.resolve("jars"));
        for (String service : SERVICES) {
            Path jar = builtJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new Console.Failure(jar + " is missing after the build");
            }
            Files.copy(jar, data.resolve("jars").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void checkPortsFree() {
        for (String service : SERVICES) {
            int port = ports.get(service);
            if (!Ports.free(port)) {
                throw new Console.Failure("port " + port + " (for " + service + ") is already in use: stop what runs there, "
                        + "or choose other ports with --port-base N (services on N to N+3)");
            }
        }
    }

    // ---- the services -----------------------------------------------------------------------------

    private Supervisor.Child startService(String service, Stores.Postgres postgres, Stores.Redis redis, Stores.Smtp smtp,
                                          String site) throws IOException {
        List<String> arguments = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String prefix = Stores.KEY_PREFIX;
        switch (service) {
            case "email-service" -> arguments.addAll(List.of("--spring.mail.host=" + smtp.host(), "--spring.mail.port=" + smtp.port()));
            case "agenda-service" -> arguments.addAll(List.of("--spring.data.redis.host=" + redis.host(),
                    "--spring.data.redis.port=" + redis.port(), "--agenda.key-prefix=" + prefix + "agenda:"));
            case "c4p-service" -> {
                env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
                env.put("SPRING_DATA_REDIS_PASSWORD", redis.password());
                arguments.addAll(List.of("--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.user(),
                        "--c4p.agenda.url=" + local("agenda-service"), "--c4p.email.url=" + local("email-service"),
                        "--c4p.public-url=" + site));
            }
            case "frontend-service" -> {
                env.put("FRONTEND_ORGANIZERS_ORGANIZER", "{bcrypt}" + BCrypt.hashpw("organizer", BCrypt.gensalt()));
                env.put("FRONTEND_REVIEWERS_REVIEWER", "{bcrypt}" + BCrypt.hashpw("reviewer", BCrypt.gensalt()));
                env.put("SPRING_DATA_REDIS_PASSWORD", redis.password());
                arguments.addAll(List.of("--frontend.c4p-url=" + local("c4p-service"), "--frontend.agenda-url=" + local("agenda-service"),
                        "--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
                        "--frontend.key-prefix=" + prefix + "frontend:"));
            }
            default -> throw new IllegalArgumentException(service);
        }
        List<String> command = new ArrayList<>(List.of(LocalTools.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                data.resolve("jars").resolve(service + "-" + VERSION + ".jar").toString(), "--server.port=" + ports.get(service)));
        command.addAll(arguments);
        Path log = logs.resolve(service + ".log");
        Files.deleteIfExists(log);
        return supervisor.start(service, command, env, log, false);
    }

    private String local(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Dots while waiting; any process that ends, or a service not ready in 120 s, ends the run with its log's tail. */
    private void awaitReady(String service, Supervisor.Child child) throws Exception {
        long started = System.nanoTime();
        System.out.print("  … " + service);
        System.out.flush();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(local(service) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (supervisor.firstEnded().isPresent()) {
                System.out.println();
                failIfAnyEnded();
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                    System.out.printf("%s  %s %-17s http://localhost:%d %s%n", console.replaceLine(), console.tick(), service, ports.get(service),
                            console.dim("(" + seconds + "s)"));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - started > READY_TIMEOUT.toNanos()) {
                System.out.println();
                throw Stores.failure(service + " was not ready in " + READY_TIMEOUT.toSeconds() + " s", child.log());
            }
            System.out.print(".");
            System.out.flush();
            Thread.sleep(1000);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

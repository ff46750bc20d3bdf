import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the services' PostgreSQL, Redis and SMTP come from, in this order: named in the environment,
 * already answering on the usual local port, else started here (installed binaries, else embedded).
 */
final class Stores {

    record Postgres(String url, String user, String password) {
    }

    record Redis(String host, int port, String password) {
    }

    /** The inbox is null when the SMTP server is one named in the environment. */
    record Smtp(String host, int port, String inbox) {
    }

    static final String LOCAL_DATABASE = "conference_local";
    static final String KEY_PREFIX = "local:";

    private final Options options;
    private final Console console;
    private final Supervisor supervisor;
    private final EmbeddedBinaries embedded;
    private final Path data;
    private final Path logs;
    private final boolean root = new UnixSystem().getUid() == 0;

    Stores(Options options, Console console, Supervisor supervisor, EmbeddedBinaries embedded) {
        this.options = options;
        this.console = console;
        this.supervisor = supervisor;
        this.embedded = embedded;
        this.data = options.dataDir();
        this.logs = data.resolve("logs");
    }

    // ---- PostgreSQL -------------------------------------------------------------------------------

    Postgres postgres() throws Exception {
        console.step("PostgreSQL");
        String url = options.env("PLATFORM_POSTGRES_URL");
        if (url != null) {
            console.ok("using " + url + " (PLATFORM_POSTGRES_URL)");
            return new Postgres(url, options.env("PLATFORM_POSTGRES_USER", "postgres"), options.env("PLATFORM_POSTGRES_PASSWORD", ""));
        }
        if (!options.embeddedStores() && Ports.listening(5432)) {
            String server = "jdbc:postgresql://127.0.0.1:5432/postgres";
            try {
                if (options.fresh()) {
                    dropDatabase(server, LOCAL_DATABASE);
                }
                createDatabase(server, LOCAL_DATABASE);
                console.ok("using the server on 127.0.0.1:5432, database " + LOCAL_DATABASE);
                return new Postgres("jdbc:postgresql://127.0.0.1:5432/" + LOCAL_DATABASE, "postgres", "");
            } catch (SQLException e) {
                console.note("127.0.0.1:5432 answers but user postgres without a password cannot create "
                        + LOCAL_DATABASE + " (" + e.getMessage() + "); starting a PostgreSQL of our own");
            }
        }
        return startPostgres();
    }

    private Postgres startPostgres() throws Exception {
        Path bin = options.embeddedStores() ? null : installedPostgres().orElse(null);
        if (bin == null) {
            bin = data.resolve("pgsql/bin");
            if (!Files.isExecutable(bin.resolve("postgres"))) {
                console.note("unpacking the embedded PostgreSQL binaries…");
                embedded.unpackPostgres(data.resolve("pgsql"));
            }
        }
        Path pgdata = data.resolve("postgres");
        int port = Ports.freeFrom(55432);
        if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
            Files.createDirectories(pgdata);
            if (root) {
                // PostgreSQL refuses to run as root: it runs as nobody, which must reach its data.
                UserPrincipal nobody = pgdata.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                Files.setOwner(pgdata, nobody);
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path initdbLog = logs.resolve("initdb.log");
            Files.deleteIfExists(initdbLog);
            Process initdb = supervisor.run(asPostgresUser(List.of(bin.resolve("initdb").toString(), "-D", pgdata.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")), initdbLog);
            if (initdb.waitFor() != 0) {
                throw failure("initdb failed", initdbLog);
            }
        }
        Supervisor.Child postgres = supervisor.start("PostgreSQL", asPostgresUser(List.of(bin.resolve("postgres").toString(),
                "-D", pgdata.toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "fsync=off")), Map.of(), logs.resolve("postgres.log"), true);
        String server = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        awaitStore(postgres, Duration.ofSeconds(30), () -> {
            try {
                createDatabase(server, "c4p");
                return true;
            } catch (SQLException e) {
                return false;
            }
        });
        console.ok("started PostgreSQL (" + bin + ") on 127.0.0.1:" + port + ", data in " + pgdata);
        return new Postgres("jdbc:postgresql://127.0.0.1:" + port + "/c4p", "postgres", "");
    }

    /** The installed initdb and postgres: on the PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
    private static Optional<Path> installedPostgres() throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path dir) -> Integer.parseInt(dir.getFileName().toString())).reversed())
                        .forEach(dir -> candidates.add(dir.resolve("bin")));
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres")))
                .findFirst();
    }

    private List<String> asPostgresUser(List<String> command) throws IOException {
        if (!root) {
            return command;
        }
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=" + groupOfNobody(),
                "--clear-groups", "--reset-env", "--"));
        asNobody.addAll(command);
        return asNobody;
    }

    private static String groupOfNobody() throws IOException {
        try (Stream<String> users = Files.lines(Path.of("/etc/passwd"))) {
            return users.map(line -> line.split(":")).filter(fields -> fields.length > 3 && fields[0].equals("nobody"))
                    .map(fields -> fields[3]).findFirst().orElse("nogroup");
        }
    }

    static void createDatabase(String serverUrl, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, "postgres", null);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet found = exists.executeQuery(); Statement create = connection.createStatement()) {
                if (!found.next()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        }
    }

    static void dropDatabase(String serverUrl, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, "postgres", null);
             Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    // ---- Redis ------------------------------------------------------------------------------------

    Redis redis() throws Exception {
        console.step("Redis");
        String password = options.env("PLATFORM_REDIS_PASSWORD", "");
        String host = options.env("PLATFORM_REDIS_HOST");
        if (host != null) {
            int port = Integer.parseInt(options.env("PLATFORM_REDIS_PORT", "6379"));
            console.ok("using " + host + ":" + port + " (PLATFORM_REDIS_HOST)");
            return new Redis(host, port, password);
        }
        if (!options.embeddedStores() && Ports.listening(6379)) {
            if (options.fresh()) {
                forgetLocalKeys();
            }
            console.ok("using the server on 127.0.0.1:6379, keys under " + KEY_PREFIX);
            return new Redis("127.0.0.1", 6379, password);
        }
        Path server = options.embeddedStores() ? null : onPath("redis-server").orElse(null);
        if (server == null) {
            server = data.resolve("redis-server");
            if (!Files.isExecutable(server)) {
                embedded.unpackRedis(server);
            }
        }
        int port = Ports.freeFrom(56379);
        Files.createDirectories(data.resolve("redis"));
        Path log = logs.resolve("redis.log");
        Files.deleteIfExists(log);
        Supervisor.Child redis = supervisor.start("Redis", List.of(server.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", data.resolve("redis").toString(), "--save", "10 1", "--appendonly", "no"),
                Map.of(), log, true);
        awaitStore(redis, Duration.ofSeconds(10), () -> Ports.listening(port));
        console.ok("started Redis (" + server + ") on 127.0.0.1:" + port);
        return new Redis("127.0.0.1", port, password);
    }

    private void forgetLocalKeys() throws Exception {
        Optional<Path> cli = onPath("redis-cli");
        if (cli.isEmpty()) {
            console.note("no redis-cli on the PATH: the keys under " + KEY_PREFIX + " on 127.0.0.1:6379 stay");
            return;
        }
        Process delete = new ProcessBuilder("sh", "-c", "\"$0\" -h 127.0.0.1 -p 6379 --scan --pattern '" + KEY_PREFIX
                + "*' | xargs -r \"$0\" -h 127.0.0.1 -p 6379 del >/dev/null", cli.get().toString()).inheritIO().start();
        if (delete.waitFor() != 0) {
            throw new Console.Failure("could not delete the keys under " + KEY_PREFIX + " on 127.0.0.1:6379");
        }
    }

    // ---- SMTP -------------------------------------------------------------------------------------

    Smtp smtp(String site) throws Exception {
        console.step("SMTP sink");
        String host = options.env("PLATFORM_SMTP_HOST");
        if (host != null) {
            int port = Integer.parseInt(options.env("PLATFORM_SMTP_PORT", "25"));
            console.ok("using " + host + ":" + port + " (PLATFORM_SMTP_HOST)");
            return new Smtp(host, port, null);
        }
        int smtpPort = Ports.freeFrom(1025);
        int inboxPort = Ports.freeFrom(8025);
        Path log = logs.resolve("mail-sink.log");
        Files.deleteIfExists(log);
        Supervisor.Child sink = supervisor.start("the SMTP sink", List.of(LocalTools.java(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), "LocalTools", "mail-sink", String.valueOf(smtpPort),
                String.valueOf(inboxPort), site), Map.of(), log, true);
        awaitStore(sink, Duration.ofSeconds(20), () -> Ports.listening(inboxPort));
        String inbox = "http://localhost:" + inboxPort;
        console.ok("GreenMail SMTP on 127.0.0.1:" + smtpPort + ", inbox on " + inbox);
        return new Smtp("127.0.0.1", smtpPort, inbox);
    }

    // ---- shared -----------------------------------------------------------------------------------

    interface Check {
        boolean ready() throws Exception;
    }

    /** Waits until the store is ready; a store that ends or is not ready in time ends the run, with its log. */
    private static void awaitStore(Supervisor.Child store, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ready()) {
            if (!store.process().isAlive()) {
                throw failure(store.name() + " stopped (exit " + store.process().exitValue() + ")", store.log());
            }
            if (System.nanoTime() > deadline) {
                throw failure(store.name() + " was not ready in " + timeout.toSeconds() + " s", store.log());
            }
            Thread.sleep(200);
        }
    }

    static Console.Failure failure(String what, Path log) {
        return new Console.Failure(what + "; the end of its log (" + log + "):\n" + Supervisor.tail(log, 20));
    }

    static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }
}

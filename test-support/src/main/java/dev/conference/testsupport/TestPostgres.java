package dev.conference.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests, and a new empty database on it for each caller.
 *
 * <p>The server is, in this order: the one named by {@code TEST_POSTGRES_URL} (a JDBC URL of a database
 * the user may create databases from, with {@code TEST_POSTGRES_USER} / {@code TEST_POSTGRES_PASSWORD});
 * else a Testcontainers PostgreSQL when Docker answers; else an embedded PostgreSQL binary from Maven.
 * An explicitly named server wins over Docker so that CI and developers choose what runs. Databases
 * created here are dropped when the test JVM exits.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final StartedOnce<Server> SERVER = new StartedOnce<>(TestPostgres::startServer);

    private TestPostgres() {
    }

    /** A freshly created, empty database whose name starts with {@code purpose}. */
    public static Database newDatabase(String purpose) {
        Server s = SERVER.get();
        String name = (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        s.execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> s.dropQuietly(name)));
        return new Database(s.urlOf(name), s.user(), s.password());
    }

    private static Server startServer() {
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            log.info("Tests use the PostgreSQL server at {}", url);
            return new Server(url, env("TEST_POSTGRES_USER", "postgres"), env("TEST_POSTGRES_PASSWORD", ""));
        }
        if (Docker.isAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            log.info("Tests use a Testcontainers PostgreSQL at {}", container.getJdbcUrl());
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        if (System.getenv("CI") != null) {
            log.warn("CI set neither TEST_POSTGRES_URL nor Docker; starting an embedded PostgreSQL");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
            String jdbc = embedded.getJdbcUrl("postgres", "postgres");
            log.info("Tests use an embedded PostgreSQL at {}", jdbc);
            return new Server(jdbc.replaceAll("[?&]user=[^&]*", ""), "postgres", "");
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests: set TEST_POSTGRES_URL or start Docker; "
                    + "the embedded PostgreSQL did not start either", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    /** Connection settings of one test database. */
    public record Database(String url, String username, String password) {

        /** A plain JDBC connection, for a test that reads or writes behind the service's back. */
        public Connection connect() throws SQLException {
            return TestPostgres.connect(url, username, password);
        }

        /** Points Spring Boot's DataSource at this database. */
        public void registerAsDataSource(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", this::url);
            registry.add("spring.datasource.username", this::username);
            registry.add("spring.datasource.password", this::password);
        }
    }

    private record Server(String adminUrl, String user, String password) {

        String urlOf(String database) {
            int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', slash);
            String rest = query < 0 ? "" : adminUrl.substring(query);
            return adminUrl.substring(0, slash + 1) + database + rest;
        }

        void execute(String sql) {
            try (Connection connection = connect(adminUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL refused: " + sql, e);
            }
        }

        void dropQuietly(String database) {
            try {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (RuntimeException e) {
                log.debug("Could not drop test database {}", database, e);
            }
        }
    }
}

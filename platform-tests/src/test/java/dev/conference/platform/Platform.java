package dev.conference.platform;

import dev.conference.testsupport.TestPostgres;
import dev.conference.testsupport.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three backend services as separate processes on free ports, with a PostgreSQL database and a
 * Redis key space of their own and a GreenMail SMTP sink: started once per test JVM and shared by
 * the test classes, which therefore use their own speakers and proposals.
 */
public final class Platform {

    private static Platform instance;

    public final SmtpSink smtp;
    public final ServiceProcess email;
    public final ServiceProcess agenda;
    public final ServiceProcess c4p;
    public final TestPostgres.Database database;

    /** The agenda grid the services are started with. */
    public record Grid(String days, String slots, String rooms) {

        /** 2 days × 4 slots × 5 rooms: small enough for the tests to fill it. */
        static final Grid SMALL = new Grid("2027-05-12,2027-05-13", "09:00-09:45,10:00-10:45,11:00-11:45,13:30-14:15",
                "Main Hall,Room A,Room B,Room C,Room D");
    }

    private Platform(Grid grid, List<String> jvmOptions) {
        database = TestPostgres.newDatabase("platform");
        TestRedis.KeySpace redis = TestRedis.newKeySpace("platform");
        smtp = new SmtpSink(freePort());
        smtp.start();
        email = new ServiceProcess("email-service", freePort(), jvmOptions, Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(smtp.port()),
                "spring.mail.properties.mail.smtp.connectiontimeout", "1000",
                "spring.mail.properties.mail.smtp.timeout", "2000"));
        Map<String, String> agendaSettings = new HashMap<>(Map.of(
                "spring.data.redis.host", redis.host(),
                "spring.data.redis.port", String.valueOf(redis.port()),
                "agenda.key-prefix", redis.keyPrefix(),
                "agenda.grid.days", grid.days(),
                "agenda.grid.slots", grid.slots(),
                "agenda.grid.rooms", grid.rooms()));
        if (!redis.password().isEmpty()) {
            agendaSettings.put("spring.data.redis.password", redis.password());
        }
        agenda = new ServiceProcess("agenda-service", freePort(), jvmOptions, agendaSettings);
        Map<String, String> c4pSettings = new HashMap<>(Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "c4p.agenda.url", agenda.url(),
                "c4p.email.url", email.url(),
                "c4p.outbox.poll-interval", "200ms",
                "c4p.outbox.initial-backoff", "200ms",
                "c4p.outbox.max-backoff", "1s",
                "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", "500ms"));
        if (!database.password().isEmpty()) {
            c4pSettings.put("spring.datasource.password", database.password());
        }
        c4p = new ServiceProcess("c4p-service", freePort(), jvmOptions, c4pSettings);
        List.of(email, agenda, c4p).forEach(ServiceProcess::start);
        List.of(email, agenda, c4p).forEach(service -> service.awaitReady(Duration.ofSeconds(90)));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** The platform shared by the tests of this JVM, with JVM options that favour a quick start. */
    public static synchronized Platform get() {
        if (instance == null) {
            instance = new Platform(Grid.SMALL, ServiceProcess.QUICK_START);
        }
        return instance;
    }

    /** A platform of its own, for benchmarks. */
    public static Platform start(Grid grid, List<String> jvmOptions) {
        return new Platform(grid, jvmOptions);
    }

    public void stop() {
        Stream.of(c4p, agenda, email).forEach(ServiceProcess::stop);
        smtp.stop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

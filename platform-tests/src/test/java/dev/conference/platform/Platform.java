package dev.conference.platform;

import dev.conference.testsupport.TestPostgres;
import dev.conference.testsupport.TestRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The four services as separate processes on free ports, with a PostgreSQL database and a Redis key
 * space of their own and a GreenMail SMTP sink: started once per test JVM and shared by the test
 * classes, which therefore use their own speakers and proposals. The frontend has two organizers,
 * {@link #ORGANIZER} and {@link #SECOND_ORGANIZER}, and a reviewer, {@link #REVIEWER}, whose passwords are made up at
 * start ({@link #organizerPassword}, {@link #secondOrganizerPassword}, {@link #reviewerPassword}).
 */
public final class Platform {

    /** Where {@link #freePort()} hands out ports: below the kernel's ephemeral range (32768 and up by default). */
    static final int LISTEN_PORTS_FROM = 20_000;
    static final int LISTEN_PORTS_SIZE = 12_000;
    /** Starts anywhere, so that two test JVMs on one machine rarely walk the same ports. */
    private static int nextListenPort = new SecureRandom().nextInt(LISTEN_PORTS_SIZE);

    private static Platform instance;
    private static RuntimeException startFailure;

    public final SmtpSink smtp;
    public final ServiceProcess email;
    public final ServiceProcess agenda;
    public final ServiceProcess c4p;
    public final ServiceProcess frontend;
    public final TestPostgres.Database database;
    /** The Redis key space: agenda-service writes under its prefix, the frontend under {@link #frontendKeyPrefix()}. */
    public final TestRedis.KeySpace redis;
    private final Function<String, List<String>> jvmOptionsOf;
    private final Map<String, String> c4pSettings;

    /** The organizer who can log in to the back office. */
    public static final String ORGANIZER = "olivia";
    public final String organizerPassword = randomPassword();
    /** A second organizer, whose reviews average with {@link #ORGANIZER}'s. */
    public static final String SECOND_ORGANIZER = "otto";
    public final String secondOrganizerPassword = randomPassword();
    /** A reviewer (frontend.reviewers): reads and scores proposals, decides nothing. */
    public static final String REVIEWER = "rita";
    public final String reviewerPassword = randomPassword();

    /** The agenda grid the services are started with. */
    public record Grid(String days, String slots, String rooms) {

        /** 2 days × 4 slots × 5 rooms: small enough for the tests to fill it. */
        public static final int SMALL_DAYS = 2;

        static final Grid SMALL = new Grid("2027-05-12,2027-05-13", "09:00-09:45,10:00-10:45,11:00-11:45,13:30-14:15",
                "Main Hall,Room A,Room B,Room C,Room D");

        /** 5 days × 8 slots × {@code rooms} rooms named R1, R2, …: room for a benchmark's many talks. */
        public static Grid week(int rooms) {
            return new Grid("2027-05-10,2027-05-11,2027-05-12,2027-05-13,2027-05-14",
                    "09:00-09:45,10:00-10:45,11:00-11:45,12:00-12:45,13:30-14:15,14:30-15:15,15:30-16:15,16:30-17:15",
                    IntStream.rangeClosed(1, rooms).mapToObj(room -> "R" + room).collect(Collectors.joining(",")));
        }
    }

    private Platform(Grid grid, Function<String, List<String>> jvmOptionsOf, Map<String, String> frontendOverrides) {
        database = TestPostgres.newDatabase("platform");
        this.jvmOptionsOf = jvmOptionsOf;
        redis = TestRedis.newKeySpace("platform");
        smtp = new SmtpSink(freePort());
        smtp.start();
        email = new ServiceProcess("email-service", freePort(), jvmOptionsOf.apply("email-service"), Map.of(
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
        agenda = new ServiceProcess("agenda-service", freePort(), jvmOptionsOf.apply("agenda-service"), agendaSettings);
        c4pSettings = new HashMap<>(Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "c4p.agenda.url", agenda.url(),
                "c4p.email.url", email.url(),
                "c4p.outbox.poll-interval", "200ms",
                "c4p.outbox.initial-backoff", "200ms",
                "c4p.outbox.max-backoff", "1s",
                // Longer than any delivery (the email client's 15 s read timeout), shorter than the 60 s default: a
                // killed replica's claims come back to the others within the tests' one-minute waits.
                "c4p.outbox.lease", "20s",
                "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", "500ms"));
        if (!database.password().isEmpty()) {
            c4pSettings.put("spring.datasource.password", database.password());
        }
        c4p = new ServiceProcess("c4p-service", freePort(), jvmOptionsOf.apply("c4p-service"), c4pSettings);
        Map<String, String> frontendSettings = new HashMap<>(Map.of(
                "frontend.c4p-url", c4p.url(),
                "frontend.agenda-url", agenda.url(),
                "frontend.key-prefix", redis.keyPrefix() + "frontend:",
                "frontend.organizers." + ORGANIZER, "{bcrypt}" + new BCryptPasswordEncoder().encode(organizerPassword),
                "frontend.organizers." + SECOND_ORGANIZER, "{bcrypt}" + new BCryptPasswordEncoder().encode(secondOrganizerPassword),
                "frontend.reviewers." + REVIEWER, "{bcrypt}" + new BCryptPasswordEncoder().encode(reviewerPassword),
                "spring.data.redis.host", redis.host(),
                "spring.data.redis.port", String.valueOf(redis.port()),
                // The browser tests all submit from 127.0.0.1; the limit itself is tested in frontend-service.
                "frontend.submissions.per-minute", "600",
                "frontend.submissions.burst", "100"));
        if (!redis.password().isEmpty()) {
            frontendSettings.put("spring.data.redis.password", redis.password());
        }
        frontendSettings.putAll(frontendOverrides);
        frontend = new ServiceProcess("frontend-service", freePort(), jvmOptionsOf.apply("frontend-service"), frontendSettings);
        List<ServiceProcess> all = List.of(email, agenda, c4p, frontend);
        all.forEach(service -> ServiceProcess.jarOf(service.name()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        try {
            all.forEach(ServiceProcess::start);
            // -Dplatform.ready-within=PT5M on a machine too busy to start four JVMs in 90 s.
            Duration readyWithin = Duration.parse(System.getProperty("platform.ready-within", "PT90S"));
            all.forEach(service -> service.awaitReady(readyWithin));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The platform shared by the tests of this JVM, with JVM options that favour a quick start. */
    public static synchronized Platform get() {
        if (startFailure != null) {
            throw new IllegalStateException("The platform could not start (see the first failing test)", startFailure);
        }
        if (instance == null) {
            try {
                instance = new Platform(Grid.SMALL, service -> ServiceProcess.QUICK_START, Map.of());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    /** A platform of its own, for benchmarks, each service with its own JVM options. */
    public static Platform start(Grid grid, Function<String, List<String>> jvmOptionsOf) {
        return new Platform(grid, jvmOptionsOf, Map.of());
    }

    /** A platform of its own, for benchmarks, with some of frontend-service's settings changed. */
    public static Platform start(Grid grid, Function<String, List<String>> jvmOptionsOf, Map<String, String> frontendSettings) {
        return new Platform(grid, jvmOptionsOf, frontendSettings);
    }

    /** A second c4p-service on the same database and downstreams, not started; the caller stops it. */
    public ServiceProcess newC4pReplica() {
        return new ServiceProcess("c4p-service", freePort(), jvmOptionsOf.apply("c4p-service"), c4pSettings);
    }

    /** The password of a back-office user of this platform. */
    public String passwordOf(String username) {
        return switch (username) {
            case ORGANIZER -> organizerPassword;
            case SECOND_ORGANIZER -> secondOrganizerPassword;
            case REVIEWER -> reviewerPassword;
            default -> throw new IllegalArgumentException("no back-office user " + username);
        };
    }

    public String frontendKeyPrefix() {
        return redis.keyPrefix() + "frontend:";
    }

    /** Stops the services side by side: one after the other, their drains and shutdowns add up. */
    public void stop() {
        List<Thread> stopping = Stream.of(frontend, c4p, agenda, email)
                .map(service -> Thread.ofPlatform().start(service::stop))
                .toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        smtp.stop();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A port for a process or container of this JVM to listen on. The kernel's {@code bind(0)} answers from the
     * ephemeral range, where any outgoing connection may take the port before the process binds it (a kube play
     * once failed so), and may answer one port twice. These come from below that range, are handed out once per
     * JVM, and are free on every address when handed out.
     */
    public static synchronized int freePort() {
        for (int tries = 0; tries < LISTEN_PORTS_SIZE; tries++) {
            int port = LISTEN_PORTS_FROM + nextListenPort;
            nextListenPort = (nextListenPort + 1) % LISTEN_PORTS_SIZE;
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LISTEN_PORTS_FROM + " and "
                + (LISTEN_PORTS_FROM + LISTEN_PORTS_SIZE));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

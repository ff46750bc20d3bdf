package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.FrontendApplication;
import dev.conference.testsupport.KeepAliveLoad;
import dev.conference.testsupport.KeptAliveGet;
import dev.conference.testsupport.TestRedis;
import dev.conference.web.ShutdownDrain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** SIGTERM closes the context; during the drain Reactor Netty answers on kept-alive connections, then closes them. */
class ShutdownDrainTest {

    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend-drain");

    private ConfigurableApplicationContext context;
    private CompletableFuture<Void> closing;

    /**
     * Waits for a close a test started: a second close() returns at once while the first still runs, and a
     * context that ends during the next test would take the event loops it shares with that test's context.
     */
    @AfterEach
    void close() throws Exception {
        if (closing != null) {
            closing.get(30, TimeUnit.SECONDS);
        } else if (context != null) {
            context.close();
        }
    }

    @Test
    void keptAliveClientsLoseNoRequestWhileTheFrontendStops() throws Exception {
        start("1s");
        KeepAliveLoad load = KeepAliveLoad.start("127.0.0.1", port(), 8, 20_000, KeepAliveLoad.paced(Duration.ofMillis(3), n -> KeepAliveLoad.Request.get("/submit")));
        awaitAnswers(load, 50);

        closing = CompletableFuture.runAsync(context::close);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.refusedBeforeSending() > 0);
        closing.get(30, TimeUnit.SECONDS);
        KeepAliveLoad.Figures figures = load.stop();
        System.out.println("Reactor Netty stopping under keep-alive load: " + figures);

        assertThat(figures.closeAnswers()).as(figures.toString()).isPositive();
        assertThat(figures.failedAfterSending()).as(figures.toString()).isZero();
    }

    @Test
    void duringTheDrainAnswersCloseTheConnectionAndReadinessRefusesTraffic() throws Exception {
        start("3s");
        ShutdownDrain drain = context.getBean(ShutdownDrain.class);
        ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(5000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(KeptAliveGet.send(socket, in, "/submit")).doesNotContain("connection: close");

            closing = CompletableFuture.runAsync(context::close);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(drain::isDraining);

            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            assertThat(KeptAliveGet.send(socket, in, "/submit")).contains("HTTP/1.1 200", "connection: close");
            assertThat(in.read()).as("Reactor Netty closed the connection after the answer").isEqualTo(-1);
        }
    }

    /** Fails with what the load saw: a frontend that answers nothing times out here, not at the assertions. */
    private static void awaitAnswers(KeepAliveLoad load, long answers) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.answered() > answers);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the frontend answered " + load.answered() + " requests in 30 s, not " + answers
                    + ": " + load.figures(), e);
        }
    }

    private void start(String drain) {
        // Arguments, not default properties: application.yaml's server.port would win over those.
        context = new SpringApplicationBuilder(FrontendApplication.class).run(
                "--server.port=0",
                "--platform.shutdown.drain=" + drain,
                "--frontend.c4p-url=http://127.0.0.1:9",
                "--frontend.agenda-url=http://127.0.0.1:9",
                "--frontend.key-prefix=" + REDIS.keyPrefix(),
                "--spring.data.redis.host=" + REDIS.host(),
                "--spring.data.redis.port=" + REDIS.port(),
                "--spring.data.redis.password=" + REDIS.password());
    }

    private int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}

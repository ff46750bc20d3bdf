package dev.conference.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.KeepAliveLoad;
import dev.conference.testsupport.KeptAliveGet;
import dev.conference.web.ShutdownDrain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** SIGTERM closes the context; during the drain Tomcat answers on kept-alive connections, then closes them. */
class ShutdownDrainTest {

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void keptAliveClientsLoseNoRequestWhileTheServiceStops() throws Exception {
        start("1s");
        KeepAliveLoad load = KeepAliveLoad.start("127.0.0.1", port(), 8, 20_000, KeepAliveLoad.paced(Duration.ofMillis(3), n -> KeepAliveLoad.Request.get("/hello")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() > 200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.refusedBeforeSending() > 0);
        stopping.get(30, TimeUnit.SECONDS);
        KeepAliveLoad.Figures figures = load.stop();
        System.out.println("Tomcat stopping under keep-alive load: " + figures);

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
            assertThat(KeptAliveGet.send(socket, in, "/hello")).doesNotContain("connection: close");

            CompletableFuture.runAsync(context::close);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(drain::isDraining);

            assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            assertThat(KeptAliveGet.send(socket, in, "/hello")).contains("HTTP/1.1 200", "connection: close");
            assertThat(in.read()).as("Tomcat closed the connection after the answer").isEqualTo(-1);
        }
    }

    @Test
    void aPausedContextIsNoShutdown() throws Exception {
        start("2s");
        // What the test framework does to a cached context while another test class runs.
        context.pause();
        context.restart();

        assertThat(context.getBean(ShutdownDrain.class).isDraining()).isFalse();
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(5000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(KeptAliveGet.send(socket, in, "/hello")).contains("HTTP/1.1 200").doesNotContain("connection: close");
        }
    }

    @Test
    void withoutADrainNothingChanges() {
        start("0s");
        assertThat(context.getBean(ShutdownDrain.class).isDraining()).isFalse();
    }

    private void start(String drain) {
        context = new SpringApplicationBuilder(HelloApplication.class)
                .properties("server.port=0", "server.shutdown=graceful", "server.tomcat.max-keep-alive-requests=-1",
                        "platform.shutdown.drain=" + drain)
                .run();
    }

    private int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @SpringBootApplication
    @RestController
    static class HelloApplication {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }
}

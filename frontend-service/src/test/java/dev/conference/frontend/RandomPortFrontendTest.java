package dev.conference.frontend;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The frontend on a random port, and a client of it for each test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RandomPortFrontendTest {

    @LocalServerPort
    protected int port;

    protected WebTestClient http;

    @BeforeEach
    void client() {
        http = newClient().build();
    }

    /** A new connection per request (see {@link #freshConnections()}), 15 s for each answer. */
    protected WebTestClient.Builder newClient() {
        return WebTestClient.bindToServer(freshConnections())
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15));
    }

    /**
     * A new connection per request: several tests make the gateway answer before it has read a body,
     * after which the server may close the connection, and a pooled client could race that close.
     */
    public static ReactorClientHttpConnector freshConnections() {
        return new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()));
    }
}

package dev.conference.agenda;

import dev.conference.testsupport.TestRedis;
import dev.conference.testsupport.TestRedis.KeySpace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port against a real Redis, called over plain HTTP. The test classes
 * share one key space, so each test leaves it as it found it: what it created through {@link #api} is
 * deleted after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AgendaServiceTest {

    protected static final KeySpace REDIS = TestRedis.newKeySpace("agenda");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        REDIS.register(registry, "agenda.key-prefix");
    }

    @LocalServerPort
    protected int port;

    protected HttpApi api;

    @BeforeEach
    void connect() {
        api = new HttpApi(port);
    }

    @AfterEach
    protected void deleteWhatThisTestCreated() {
        api.deleteCreated();
    }
}

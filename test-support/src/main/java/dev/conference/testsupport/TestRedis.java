package dev.conference.testsupport;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * A real Redis server for tests, and a key space of its own for each caller.
 *
 * <p>The server is, in this order: the one named by {@code TEST_REDIS_URL} (for example
 * {@code redis://127.0.0.1:6379}); else a Testcontainers Redis when Docker answers; else an embedded
 * Redis binary from Maven. Each caller gets a unique key prefix, and the keys under it are deleted
 * when the test JVM exits; nothing else on the server is touched.
 */
public final class TestRedis {

    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);
    private static final StartedOnce<RedisURI> SERVER = new StartedOnce<>(TestRedis::startServer);

    private TestRedis() {
    }

    /** The server's address, and a key prefix no other caller uses. */
    public static KeySpace newKeySpace(String purpose) {
        RedisURI uri = SERVER.get();
        String prefix = "test:" + purpose + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(uri, prefix)));
        return new KeySpace(uri.getHost(), uri.getPort(), uri.getPassword() == null ? "" : new String(uri.getPassword()),
                prefix);
    }

    @SuppressWarnings("resource")
    private static RedisURI startServer() {
        String url = System.getenv("TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            log.info("Tests use the Redis server at {}", url);
            return RedisURI.create(url);
        }
        if (Docker.isAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            return RedisURI.create(container.getHost(), container.getMappedPort(6379));
        }
        try {
            int port = freePort();
            RedisServer embedded = new RedisServer(port);
            embedded.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.stop();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            log.info("Tests use an embedded Redis on port {}", port);
            return RedisURI.create("127.0.0.1", port);
        } catch (IOException e) {
            throw new IllegalStateException("No Redis for the tests: set TEST_REDIS_URL or start Docker", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(RedisURI uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RuntimeException e) {
            log.debug("Could not clean Redis keys under {}", prefix, e);
        } finally {
            client.shutdown();
        }
    }

    /** Where a test's Redis keys live. */
    public record KeySpace(String host, int port, String password, String keyPrefix) {

        /** Points Spring Data Redis at this server, and the service's {@code keyPrefixProperty} at this key space. */
        public void register(DynamicPropertyRegistry registry, String keyPrefixProperty) {
            registry.add("spring.data.redis.host", this::host);
            registry.add("spring.data.redis.port", this::port);
            registry.add("spring.data.redis.password", this::password);
            registry.add(keyPrefixProperty, this::keyPrefix);
        }
    }
}

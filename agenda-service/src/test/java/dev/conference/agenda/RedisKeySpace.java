package dev.conference.agenda;

import dev.conference.testsupport.TestRedis.KeySpace;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the service at a test's own Redis key space. */
public final class RedisKeySpace {

    private RedisKeySpace() {
    }

    public static void register(DynamicPropertyRegistry registry, KeySpace keySpace) {
        registry.add("spring.data.redis.host", keySpace::host);
        registry.add("spring.data.redis.port", keySpace::port);
        registry.add("spring.data.redis.password", keySpace::password);
        registry.add("agenda.key-prefix", keySpace::keyPrefix);
    }
}

package dev.conference.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Nothing an anonymous caller does makes Redis keep a session: only a login does. */
class AnonymousSessionsTest extends GatewayTest {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void anAnonymousLogoutCreatesNoSession() {
        Set<String> before = sessionKeys();
        for (int i = 0; i < 5; i++) {
            withCsrf(http.post().uri("/logout")).exchange().expectStatus().isNoContent()
                    .expectHeader().doesNotExist("Set-Cookie-SESSION");
        }
        assertThat(sessionKeys()).isEqualTo(before);
    }

    @Test
    void readingThePagesAndTheApiCreatesNoSession() {
        Set<String> before = sessionKeys();
        http.get().uri("/").exchange();
        http.get().uri("/api/cfp").exchange();
        http.get().uri("/api/session").exchange().expectStatus().isUnauthorized();
        assertThat(sessionKeys()).isEqualTo(before);
    }

    @Test
    void aLoginDoesCreateOne() {
        Set<String> before = sessionKeys();
        login();
        assertThat(sessionKeys()).hasSizeGreaterThan(before.size());
    }

    private Set<String> sessionKeys() {
        return redis.keys(REDIS.keyPrefix() + "session*");
    }
}

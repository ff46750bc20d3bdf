package dev.conference.agenda.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import dev.conference.testsupport.TestRedis;
import dev.conference.testsupport.TestRedis.KeySpace;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** More than 30 days after the last conference day a new schedule would expire at once: none is made. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "agenda.grid.days=2020-01-01")
class SchedulesAfterTheConferenceTest {

    private static final KeySpace REDIS = TestRedis.newKeySpace("agenda-schedules-over");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        REDIS.register(registry, "agenda.key-prefix");
    }

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void creatingIsA410Problem() {
        Response refused = new HttpApi(port).send("POST", "/schedules", null, null);

        assertThat(refused.status()).isEqualTo(410);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("code").asString()).isEqualTo("SCHEDULES_CLOSED");
        assertThat(redis.keys(REDIS.keyPrefix() + "schedule:*")).isEmpty();
    }
}

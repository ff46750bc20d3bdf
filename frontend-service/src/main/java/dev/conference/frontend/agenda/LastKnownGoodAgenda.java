package dev.conference.frontend.agenda;

import dev.conference.frontend.config.FrontendProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last answer agenda-service gave for each agenda read, kept in Redis so that every replica,
 * also a new or restarted one, can answer with it while agenda-service is down.
 *
 * <p>Redis being slow or away never fails an agenda read: saving is bounded by a short timeout and
 * its errors are logged, and a failed load is the same as no copy.
 */
@Component
public class LastKnownGoodAgenda {

    private static final Logger log = LoggerFactory.getLogger(LastKnownGoodAgenda.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String prefix;
    private final Duration ttl;

    LastKnownGoodAgenda(ReactiveStringRedisTemplate redis, FrontendProperties properties) {
        this.redis = redis;
        this.prefix = properties.keyPrefix() + "agenda:";
        this.ttl = properties.agenda().lastKnownGoodTtl();
    }

    public Mono<Void> save(AgendaCacheKey key, AgendaSnapshot snapshot) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("body", snapshot.text());
        value.put("contentType", snapshot.contentType());
        value.put("contentDisposition", snapshot.contentDisposition());
        value.put("storedAt", snapshot.storedAt().toEpochMilli());
        return redis.opsForValue().set(prefix + key.value(), json.writeValueAsString(value), ttl)
                .timeout(REDIS_TIMEOUT)
                .doOnError(e -> log.warn("Could not refresh the last-known-good agenda {} in Redis: {}", key.value(), e.toString()))
                .onErrorComplete()
                .then();
    }

    /** The stored copy, or empty when there is none or Redis cannot be read. */
    public Mono<AgendaSnapshot> load(AgendaCacheKey key) {
        return redis.opsForValue().get(prefix + key.value())
                .timeout(REDIS_TIMEOUT)
                .map(this::parse)
                .doOnError(e -> log.warn("Could not read the last-known-good agenda {} from Redis: {}", key.value(), e.toString()))
                .onErrorResume(e -> Mono.empty());
    }

    public Mono<Void> delete(AgendaCacheKey key) {
        return redis.delete(prefix + key.value()).timeout(REDIS_TIMEOUT).onErrorComplete().then();
    }

    private AgendaSnapshot parse(String stored) {
        JsonNode node = json.readTree(stored);
        JsonNode disposition = node.get("contentDisposition");
        return new AgendaSnapshot(node.get("body").asString().getBytes(StandardCharsets.UTF_8),
                node.get("contentType").asString(),
                disposition == null || disposition.isNull() ? null : disposition.asString(),
                Instant.ofEpochMilli(node.get("storedAt").asLong()));
    }
}

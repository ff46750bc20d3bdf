package dev.conference.frontend.security;

import dev.conference.frontend.config.FrontendProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wrong passwords slow the next attempts down: after {@code frontend.logins.free-failures} failures for
 * one user name (or {@code free-failures-per-client} from one client, whatever names it tries), each
 * attempt must wait twice as long as the one before, up to {@code max-delay}, counted from the last
 * failure; until then it is refused with 429 before the password is looked at. A login that succeeds
 * clears its user name's count. The counts live in Redis (all replicas share them), under hashed keys
 * that expire after {@code max-delay}.
 */
@Component
class LoginThrottle {

    private final ReactiveStringRedisTemplate redis;
    private final FrontendProperties.Logins settings;
    private final String prefix;
    private final RemoteAddressResolver clients;
    private final Clock clock;

    LoginThrottle(ReactiveStringRedisTemplate redis, FrontendProperties properties) {
        this.redis = redis;
        this.settings = properties.logins();
        this.prefix = properties.keyPrefix() + "login:";
        this.clients = properties.submissions().clientAddresses();
        this.clock = Clock.systemUTC();
    }

    /** How long this login attempt must wait: zero when it may go ahead. */
    Mono<Duration> waitFor(ServerWebExchange exchange, String username) {
        return Flux.merge(
                        waitFor(userKey(username), settings.freeFailures()),
                        waitFor(clientKey(exchange), settings.freeFailuresPerClient()))
                .reduce(Duration.ZERO, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** Counts a wrong password against the user name and the client. */
    Mono<Void> failed(ServerWebExchange exchange, String username) {
        return Flux.merge(count(userKey(username)), count(clientKey(exchange))).then();
    }

    /** A login that succeeded: its user name starts afresh. */
    Mono<Void> succeeded(String username) {
        return redis.delete(userKey(username)).then();
    }

    private Mono<Duration> waitFor(String key, int free) {
        return redis.<String, String>opsForHash().entries(key).collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(record -> {
                    int failures = Integer.parseInt(record.getOrDefault("failures", "0"));
                    if (failures < free || !record.containsKey("last")) {
                        return Duration.ZERO;
                    }
                    Duration delay = delayAfter(failures - free);
                    Duration since = Duration.ofMillis(clock.millis() - Long.parseLong(record.get("last")));
                    Duration left = delay.minus(since);
                    return left.isNegative() ? Duration.ZERO : left;
                });
    }

    /** One second after the first failure beyond the free ones, then doubling, up to max-delay. */
    Duration delayAfter(int beyondFree) {
        Duration delay = Duration.ofSeconds(1L << Math.min(beyondFree, 30));
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private Mono<Void> count(String key) {
        return redis.<String, String>opsForHash().increment(key, "failures", 1)
                .then(redis.<String, String>opsForHash().put(key, "last", String.valueOf(clock.millis())))
                .then(redis.expire(key, settings.maxDelay().plusMinutes(1)))
                .then();
    }

    private String userKey(String username) {
        return prefix + "user:" + digest(username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private String clientKey(ServerWebExchange exchange) {
        var address = clients.resolve(exchange);
        String client = address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress();
        return prefix + "client:" + digest(client);
    }

    /** Keys of a fixed length whatever the caller sends. */
    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

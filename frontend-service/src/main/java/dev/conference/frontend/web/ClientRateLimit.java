package dev.conference.frontend.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.http.HttpStatus;

/**
 * A limit per client on one bucket of the gateway's {@link RedisRateLimiter} (a token bucket in Redis, shared by
 * all replicas): {@code perMinute} requests a minute with bursts of {@code burst}. A refused request gets 429
 * problem+json with {@code Retry-After}; when Redis cannot be reached the limiter lets it through. The client is
 * the address the resolver finds ({@code frontend.submissions.trusted-proxies}).
 */
public final class ClientRateLimit {

    /** Each request costs this many tokens, so that whole requests per minute fit the per-second bucket. */
    private static final int TOKENS_PER_REQUEST = 60;

    private final RedisRateLimiter limiter;
    private final String bucket;
    private final String keyPrefix;
    private final RemoteAddressResolver clients;
    private final Duration retryAfter;
    private final String title;
    private final String detail;

    /** Keys are {@code keyPrefix + bucket + ":" + client}; {@code title} and {@code detail} are the refusal's words. */
    public ClientRateLimit(RedisRateLimiter limiter, String bucket, String keyPrefix, RemoteAddressResolver clients,
                           int perMinute, String title, String detail) {
        this.limiter = limiter;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix + bucket + ":";
        this.clients = clients;
        this.retryAfter = Duration.ofSeconds((long) Math.ceil(60.0 / perMinute));
        this.title = title;
        this.detail = detail;
    }

    /** The token bucket: {@code perMinute} tokens a second, 60 per request, room for {@code burst} requests. */
    public static RedisRateLimiter.Config bucket(int perMinute, int burst) {
        return new RedisRateLimiter.Config()
                .setReplenishRate(perMinute)
                .setBurstCapacity((long) burst * TOKENS_PER_REQUEST)
                .setRequestedTokens(TOKENS_PER_REQUEST);
    }

    public GatewayFilter filter() {
        return (exchange, chain) -> {
            InetSocketAddress address = clients.resolve(exchange);
            String client = address == null ? "unknown"
                    : address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
            return limiter.isAllowed(bucket, keyPrefix + client)
                    .flatMap(answer -> answer.isAllowed() ? chain.filter(exchange)
                            : Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, title, detail, retryAfter));
        };
    }
}

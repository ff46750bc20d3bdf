package dev.conference.frontend.schedule;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.web.ClientKey;
import dev.conference.frontend.web.Problems;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code ScheduleRateLimit} in a route's filters: at most {@code frontend.schedules.per-minute} new
 * personal schedules per client and minute, with bursts of {@code frontend.schedules.burst}, in a
 * bucket of their own of the gateway's {@link RedisRateLimiter} (shared by all replicas). The client
 * is found as for submissions ({@code frontend.submissions.trusted-proxies}). A refused creation gets
 * 429 problem+json with {@code Retry-After}; when Redis cannot be reached the creation goes through.
 */
@Component
public class ScheduleRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** The limiter's bucket (its "route id") for schedule creations. */
    public static final String BUCKET = "schedules";
    /** Each creation costs this many tokens, so that whole creations per minute fit the per-second bucket. */
    private static final int TOKENS_PER_CREATION = 60;

    private final RedisRateLimiter limiter;
    private final RemoteAddressResolver clients;
    private final String keyPrefix;
    private final Duration retryAfter;

    ScheduleRateLimitGatewayFilterFactory(RedisRateLimiter submissionRateLimiter, FrontendProperties properties) {
        this.limiter = submissionRateLimiter;
        this.clients = properties.submissions().clientAddresses();
        this.keyPrefix = properties.keyPrefix() + "schedules:";
        this.retryAfter = Duration.ofSeconds((long) Math.ceil(60.0 / properties.schedules().perMinute()));
    }

    /** The token bucket: {@code per-minute} tokens a second, 60 per creation, room for {@code burst} creations. */
    public static RedisRateLimiter.Config bucket(FrontendProperties.Schedules settings) {
        return new RedisRateLimiter.Config()
                .setReplenishRate(settings.perMinute())
                .setBurstCapacity((long) settings.burst() * TOKENS_PER_CREATION)
                .setRequestedTokens(TOKENS_PER_CREATION);
    }

    @Override
    public String name() {
        return "ScheduleRateLimit";
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> limiter.isAllowed(BUCKET, keyPrefix + ClientKey.of(clients, exchange))
                .flatMap(answer -> answer.isAllowed()
                        ? chain.filter(exchange)
                        : Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many schedules",
                        "You have created many schedules in a short time. Wait a moment and try again.", retryAfter));
    }
}

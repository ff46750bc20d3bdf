package dev.conference.frontend.schedule;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.web.ClientRateLimit;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.stereotype.Component;

/**
 * {@code ScheduleRateLimit} in a route's filters: at most {@code frontend.schedules.per-minute} new personal
 * schedules per client and minute, with bursts of {@code frontend.schedules.burst} ({@link ClientRateLimit}, in a
 * bucket of their own).
 */
@Component
public class ScheduleRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** The limiter's bucket (its "route id") for schedule creations. */
    public static final String BUCKET = "schedules";

    private final ClientRateLimit limit;

    ScheduleRateLimitGatewayFilterFactory(RedisRateLimiter limiter, FrontendProperties properties) {
        this.limit = new ClientRateLimit(limiter, BUCKET, properties.keyPrefix(), properties.submissions().clientAddresses(),
                properties.schedules().perMinute(), "Too many schedules",
                "You have created many schedules in a short time. Wait a moment and try again.");
    }

    public static RedisRateLimiter.Config bucket(FrontendProperties.Schedules settings) {
        return ClientRateLimit.bucket(settings.perMinute(), settings.burst());
    }

    @Override
    public String name() {
        return "ScheduleRateLimit";
    }

    @Override
    public GatewayFilter apply(Object config) {
        return limit.filter();
    }
}

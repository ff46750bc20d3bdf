package dev.conference.frontend.proposal;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.web.ClientRateLimit;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.stereotype.Component;

/**
 * {@code SubmissionRateLimit} in a route's filters: at most {@code frontend.submissions.per-minute}
 * submissions per client and minute, with bursts of {@code frontend.submissions.burst} ({@link ClientRateLimit}).
 * The client is the connection's address, or with {@code frontend.submissions.trusted-proxies} set, the address
 * that many hops back in {@code X-Forwarded-For}. An outage of Redis must not stop speakers: then it lets
 * submissions through.
 */
@Component
public class SubmissionRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** The limiter's bucket (its "route id") for submissions. */
    public static final String BUCKET = "submissions";

    private final ClientRateLimit limit;

    SubmissionRateLimitGatewayFilterFactory(RedisRateLimiter limiter, FrontendProperties properties) {
        FrontendProperties.Submissions settings = properties.submissions();
        this.limit = new ClientRateLimit(limiter, BUCKET, properties.keyPrefix(), settings.clientAddresses(),
                settings.perMinute(), "Too many submissions",
                "You have sent many proposals in a short time. Wait a moment and send it again.");
    }

    public static RedisRateLimiter.Config bucket(FrontendProperties.Submissions settings) {
        return ClientRateLimit.bucket(settings.perMinute(), settings.burst());
    }

    @Override
    public String name() {
        return "SubmissionRateLimit";
    }

    @Override
    public GatewayFilter apply(Object config) {
        return limit.filter();
    }
}

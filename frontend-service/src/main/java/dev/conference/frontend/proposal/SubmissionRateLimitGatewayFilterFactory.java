package dev.conference.frontend.proposal;

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
 * {@code SubmissionRateLimit} in a route's filters: at most {@code frontend.submissions.per-minute}
 * submissions per client and minute, with bursts of {@code frontend.submissions.burst}, counted in
 * Redis by Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket shared by all replicas).
 * A refused submission gets 429 problem+json with {@code Retry-After}.
 *
 * <p>The client is the connection's address, or with {@code frontend.submissions.trusted-proxies}
 * set, the address that many hops back in {@code X-Forwarded-For}. When Redis cannot be reached the
 * limiter lets the submission through: an outage of Redis must not stop speakers.
 */
@Component
public class SubmissionRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** Each submission costs this many tokens, so that whole requests per minute fit the per-second bucket. */
    private static final int TOKENS_PER_SUBMISSION = 60;

    private final RedisRateLimiter limiter;
    private final RemoteAddressResolver clients;
    private final String keyPrefix;
    private final Duration retryAfter;

    SubmissionRateLimitGatewayFilterFactory(RedisRateLimiter submissionRateLimiter, FrontendProperties properties) {
        this.limiter = submissionRateLimiter;
        FrontendProperties.Submissions settings = properties.submissions();
        this.clients = settings.clientAddresses();
        this.keyPrefix = properties.keyPrefix() + "submissions:";
        this.retryAfter = Duration.ofSeconds((long) Math.ceil(60.0 / settings.perMinute()));
    }

    /** The token bucket: {@code per-minute} tokens a second, 60 per submission, room for {@code burst} submissions. */
    public static RedisRateLimiter limiter(FrontendProperties.Submissions settings) {
        return new RedisRateLimiter(settings.perMinute(), (long) settings.burst() * TOKENS_PER_SUBMISSION,
                TOKENS_PER_SUBMISSION);
    }

    @Override
    public String name() {
        return "SubmissionRateLimit";
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> limiter.isAllowed("submissions", keyPrefix + ClientKey.of(clients, exchange))
                .flatMap(answer -> answer.isAllowed()
                        ? chain.filter(exchange)
                        : Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many submissions",
                        "You have sent many proposals in a short time. Wait a moment and send it again.", retryAfter));
    }
}

package dev.conference.frontend.proposal;

import dev.conference.frontend.config.FrontendProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubmissionRateLimiterConfiguration {

    /** The token bucket of proposal submissions; it replaces the gateway's default limiter. */
    @Bean
    RedisRateLimiter submissionRateLimiter(FrontendProperties properties) {
        return SubmissionRateLimitGatewayFilterFactory.limiter(properties.submissions());
    }
}

package dev.conference.frontend.proposal;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.schedule.ScheduleRateLimitGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubmissionRateLimiterConfiguration {

    /**
     * The gateway's one Redis rate limiter (it replaces the default one): proposal submissions are its default
     * bucket, schedule creations a bucket of their own.
     */
    @Bean
    RedisRateLimiter clientRateLimiter(FrontendProperties properties) {
        RedisRateLimiter.Config submissions = SubmissionRateLimitGatewayFilterFactory.bucket(properties.submissions());
        RedisRateLimiter limiter = new RedisRateLimiter(submissions.getReplenishRate(), submissions.getBurstCapacity(),
                submissions.getRequestedTokens());
        limiter.getConfig().put(SubmissionRateLimitGatewayFilterFactory.BUCKET, submissions);
        limiter.getConfig().put(ScheduleRateLimitGatewayFilterFactory.BUCKET,
                ScheduleRateLimitGatewayFilterFactory.bucket(properties.schedules()));
        return limiter;
    }
}

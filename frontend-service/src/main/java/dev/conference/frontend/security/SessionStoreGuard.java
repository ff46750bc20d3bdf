package dev.conference.frontend.security;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.web.Problems;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Logins and logouts write the session to Redis. When Redis does not answer, they are refused with a 503
 * problem and Retry-After before a session is started: a session that cannot be saved would fail the
 * answer after it was decided, past the reach of the problem handler.
 */
@Component
class SessionStoreGuard implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreGuard.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveRedisConnectionFactory redis;
    private final Duration retryAfter;

    SessionStoreGuard(ReactiveRedisConnectionFactory redis, FrontendProperties properties) {
        this.redis = redis;
        this.retryAfter = properties.retryAfter();
    }

    @Override
    public int getOrder() {
        // Before Spring Security's filter chain (-100), which starts the session on login.
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!writesTheSession(exchange)) {
            return chain.filter(exchange);
        }
        return Mono.usingWhen(Mono.fromSupplier(redis::getReactiveConnection), connection -> connection.ping(),
                        connection -> connection.closeLater())
                .timeout(PING_TIMEOUT)
                .then(Mono.just(true))
                .onErrorResume(error -> {
                    log.warn("Redis does not answer, {} {} refused: {}", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath(), error.toString());
                    return Mono.just(false);
                })
                .flatMap(available -> available ? chain.filter(exchange)
                        : Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                                "Logins are unavailable for a moment. Try again shortly.", retryAfter));
    }

    private static boolean writesTheSession(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return HttpMethod.POST.equals(exchange.getRequest().getMethod()) && (path.equals("/login") || path.equals("/logout"));
    }
}

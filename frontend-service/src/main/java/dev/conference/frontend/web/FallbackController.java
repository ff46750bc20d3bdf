package dev.conference.frontend.web;

import dev.conference.frontend.config.FrontendProperties;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request its downstream could not answer (down, too slow,
 * 5xx, or the breaker is open): 503 problem+json with {@code Retry-After}, never a made-up success.
 * Only reachable through a route's {@code forward:}; security refuses it from outside.
 */
@RestController
class FallbackController {

    private final Duration retryAfter;

    FallbackController(FrontendProperties properties) {
        this.retryAfter = properties.retryAfter();
    }

    @RequestMapping("/fallback/{service:c4p-service|agenda-service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                service + " could not take the request right now. Try again in " + retryAfter.toSeconds() + " seconds.",
                retryAfter);
    }
}

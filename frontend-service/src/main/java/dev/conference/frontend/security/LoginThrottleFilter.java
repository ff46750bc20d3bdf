package dev.conference.frontend.security;

import dev.conference.frontend.web.Problems;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses a password login with 429 and Retry-After while its user name or client must wait ({@link LoginThrottle}). */
@Component
class LoginThrottleFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public int getOrder() {
        // After SessionStoreGuard, before Spring Security's filter chain, which checks the password.
        return -150;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!HttpMethod.POST.equals(exchange.getRequest().getMethod())
                || !exchange.getRequest().getPath().pathWithinApplication().value().equals("/login")) {
            return chain.filter(exchange);
        }
        // A form that cannot be read (too large) fails the login with its own answer, not the throttle.
        return exchange.getFormData()
                .flatMap(form -> throttle.waitFor(exchange, form.getFirst("username"))
                        .onErrorResume(error -> {
                            log.warn("Login throttle unavailable, the attempt goes ahead: {}", error.toString());
                            return Mono.just(Duration.ZERO);
                        }))
                .flatMap(wait -> wait.isZero() ? chain.filter(exchange)
                        : Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                                "Too many wrong passwords: try again in " + seconds(wait) + " s.", Duration.ofSeconds(seconds(wait))));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}

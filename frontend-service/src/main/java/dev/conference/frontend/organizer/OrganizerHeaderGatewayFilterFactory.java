package dev.conference.frontend.organizer;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code OrganizerHeader} in a route's filters: passes the logged-in back-office user's name to c4p-service
 * in {@code X-Organizer} (organizers and reviewers alike) and their role in {@code X-Back-Office-Role}
 * ({@code ORGANIZER} or {@code REVIEWER}), replacing whatever the client sent (the default filters remove the
 * client's copies on every route). Without a logged-in user with one of the roles the request goes nowhere
 * (security refuses it first; this is the second lock).
 */
@Component
public class OrganizerHeaderGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    public static final String HEADER = "X-Organizer";
    public static final String ROLE_HEADER = "X-Back-Office-Role";

    private final Organizers organizers;

    OrganizerHeaderGatewayFilterFactory(Organizers organizers) {
        this.organizers = organizers;
    }

    @Override
    public String name() {
        return "OrganizerHeader";
    }

    @Override
    public GatewayFilter apply(Object config) {
        // Late in the chain: after every header removal the default filters do.
        return new OrderedGatewayFilter((exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(authentication -> {
                    String role = Organizers.roleOf(authentication);
                    if (role == null) {
                        return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
                    }
                    String name = organizers.nameOf(authentication);
                    ServerHttpRequest request = exchange.getRequest().mutate()
                            .headers(headers -> {
                                headers.set(HEADER, name);
                                headers.set(ROLE_HEADER, role);
                            })
                            .build();
                    return chain.filter(exchange.mutate().request(request).build());
                }), 10_000);
    }
}

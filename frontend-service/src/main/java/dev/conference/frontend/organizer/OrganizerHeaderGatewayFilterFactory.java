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
 * {@code OrganizerHeader} in a route's filters: passes the logged-in organizer's name to c4p-service
 * in {@code X-Organizer}, replacing whatever the client sent. Without a logged-in user the request
 * goes nowhere (security refuses it first; this is the second lock).
 */
@Component
public class OrganizerHeaderGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    public static final String HEADER = "X-Organizer";

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
                .map(organizers::nameOf)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED)))
                .flatMap(name -> {
                    ServerHttpRequest request = exchange.getRequest().mutate()
                            .headers(headers -> headers.set(HEADER, name))
                            .build();
                    return chain.filter(exchange.mutate().request(request).build());
                }), 10_000);
    }
}

package dev.conference.frontend.agenda;

import java.util.function.Predicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** {@code AgendaRead} in a route's predicates: the route takes the agenda reads ({@link AgendaRead}). */
@Component
public class AgendaReadRoutePredicateFactory extends AbstractRoutePredicateFactory<Object> {

    public AgendaReadRoutePredicateFactory() {
        super(Object.class);
    }

    @Override
    public Predicate<ServerWebExchange> apply(Object config) {
        return (GatewayPredicate) exchange -> AgendaRead.matches(exchange.getRequest());
    }
}

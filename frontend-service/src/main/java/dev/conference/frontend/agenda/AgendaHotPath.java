package dev.conference.frontend.agenda;

import dev.conference.frontend.security.SecurityConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The busiest request of the site, an agenda read that memory can answer ({@link AgendaReadCache#get}),
 * answered before Spring Security and the gateway: those reads are public ({@link AgendaRead}, which
 * security lets anyone make), need no session and reach no backend, so the filter chains would only
 * cost time. The answer is the one the gateway's {@code AgendaCache} filter gives, with the same security
 * headers ({@link SecurityConfiguration#SECURITY_HEADERS}); everything else goes the normal way. Most agenda reads
 * are answered earlier still, by {@link AgendaHotReads}; here come those it passed on: reads over TLS, targets it does
 * not parse, reads that close the connection or arrive while an earlier request of their connection is being
 * answered, and those whose call to agenda-service it left to the gateway's route.
 */
@Component
class AgendaHotPath implements WebFilter, Ordered {

    /** Just before Spring Security's chain (order -100). */
    static final int ORDER = -101;

    private final AgendaReadCache cache;
    private final Counter hits;

    AgendaHotPath(AgendaReadCache cache, MeterRegistry meters) {
        this.cache = cache;
        this.hits = hits(meters);
    }

    /** Agenda reads answered before security and routing: from memory, here or by {@link AgendaHotReads}, or by it with agenda-service's answer. */
    static Counter hits(MeterRegistry meters) {
        return Counter.builder("frontend.agenda.hot.reads")
                .description("Agenda reads answered before security and routing: from the micro-cache, or in the connection's "
                        + "pipeline with agenda-service's answer")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        AgendaCacheKey key = AgendaCacheKey.of(exchange.getRequest());
        if (key == null) {
            return chain.filter(exchange);
        }
        CachedAnswer answer = cache.get(key);
        if (answer == null) {
            return chain.filter(exchange).doFinally(signal -> cache.done(key));
        }
        hits.increment();
        exchange.getResponse().beforeCommit(() -> SecurityConfiguration.SECURITY_HEADERS.writeHttpHeaders(exchange));
        return answer.writeTo(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

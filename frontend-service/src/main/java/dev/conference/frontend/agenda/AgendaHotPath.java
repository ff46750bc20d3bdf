package dev.conference.frontend.agenda;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.security.SecurityConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The busiest request of the site, an agenda read the micro-cache can answer, answered before
 * Spring Security and the gateway: those reads are public, need no session and reach no backend, so
 * the filter chains would only cost time. The answer is the one {@link AgendaCacheGatewayFilterFactory}
 * gives, with the same security headers ({@link SecurityConfiguration#SECURITY_HEADERS}); everything
 * else (misses, other paths, other methods) goes the normal way.
 */
@Configuration(proxyBeanMethods = false)
class AgendaHotPath {

    /** Just before Spring Security's chain (order -100). */
    static final int ORDER = -101;

    @Bean
    MicroCache agendaMicroCache(FrontendProperties properties) {
        return new MicroCache(properties.agenda().microCacheTtl(), properties.agenda().microCacheEntries());
    }

    @Bean
    WebFilter agendaHotPathFilter(MicroCache memory, StaleAgendaAnswers staleAnswers, MeterRegistry meters) {
        Counter hits = Counter.builder("frontend.agenda.hot.reads")
                .description("Agenda reads answered from the micro-cache before security and routing")
                .register(meters);
        return new HotPathFilter(memory, hits, staleAnswers);
    }

    private record HotPathFilter(MicroCache memory, Counter hits, StaleAgendaAnswers staleAnswers) implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            HttpMethod method = exchange.getRequest().getMethod();
            if (!HttpMethod.GET.equals(method)) {
                return chain.filter(exchange);
            }
            AgendaCacheKey key = AgendaCacheKey.of(exchange.getRequest());
            MicroCache.Entry hit = key == null ? null : memory.fresh(key);
            if (hit == null) {
                return chain.filter(exchange);
            }
            hits.increment();
            if (hit.stale()) {
                staleAnswers.served();
            }
            exchange.getResponse().beforeCommit(() -> SecurityConfiguration.SECURITY_HEADERS.writeHttpHeaders(exchange));
            return AgendaCacheGatewayFilterFactory.serve(exchange, hit.snapshot(), hit.stale());
        }

        @Override
        public int getOrder() {
            return ORDER;
        }
    }
}

package dev.conference.frontend.web;

import dev.conference.web.ShutdownDrain;
import dev.conference.web.ShutdownDrainProperties;
import dev.conference.web.WebLimitsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The shutdown drain the servlet services have (web-core's {@link ShutdownDrain}, which explains the
 * order), on Reactor Netty: the drain closes the listening channel only, and while it lasts every
 * answer carries {@code Connection: close}, after which Reactor Netty closes the connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ShutdownDrainProperties.class, WebLimitsProperties.class})
class ShutdownDrainConfiguration {

    @Bean
    Listener listener() {
        return new Listener();
    }

    @Bean
    ShutdownDrain shutdownDrain(ShutdownDrainProperties settings, ApplicationEventPublisher events, Listener listener) {
        return new ShutdownDrain(settings.drain(), events, listener::close);
    }

    @Bean
    WebFilter shutdownDrainFilter(ShutdownDrain drain) {
        return new DrainFilter(drain);
    }

    /** Keeps the bound server, to close its listening channel while the connections it accepted stay open. */
    static final class Listener implements NettyServerCustomizer {

        private volatile DisposableServer server;

        @Override
        public HttpServer apply(HttpServer httpServer) {
            return httpServer.doOnBound(bound -> server = bound);
        }

        void close() {
            DisposableServer bound = server;
            if (bound != null) {
                bound.channel().close().syncUninterruptibly();
            }
        }
    }

    /** Before the body limit and security, so that every answer, refusals included, closes. */
    private record DrainFilter(ShutdownDrain drain) implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (drain.isDraining()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}

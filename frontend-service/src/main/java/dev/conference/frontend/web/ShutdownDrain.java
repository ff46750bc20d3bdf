package dev.conference.frontend.web;

import java.time.Duration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The first thing the stopping frontend does, as the servlet services do (service-support's
 * ShutdownDrain, which explains the order): it closes its listener, then for
 * {@code platform.shutdown.drain} keeps answering on the connections it has, every answer with
 * {@code Connection: close} (Reactor Netty closes the connection after it), while readiness reports
 * OUT_OF_SERVICE. Spring's graceful shutdown then waits for the requests still in flight.
 */
@Component
class ShutdownDrain implements WebFilter, Ordered, SmartLifecycle, NettyServerCustomizer {

    /**
     * @param drain how long, after SIGTERM, the frontend answers on its open connections with
     *              {@code Connection: close} before the graceful shutdown; 0 turns the drain off
     */
    @ConfigurationProperties("platform.shutdown")
    record Settings(@DefaultValue("2s") Duration drain) {

        Settings {
            if (drain.isNegative() || drain.compareTo(Duration.ofSeconds(15)) > 0) {
                throw new IllegalArgumentException("platform.shutdown.drain must be between 0 and 15s");
            }
        }
    }

    private final Duration period;
    private final ApplicationEventPublisher events;
    private volatile DisposableServer server;
    private volatile boolean running;
    private volatile boolean draining;

    ShutdownDrain(Settings settings, ApplicationEventPublisher events) {
        this.period = settings.drain();
        this.events = events;
    }

    @Override
    public HttpServer apply(HttpServer httpServer) {
        return httpServer.doOnBound(bound -> server = bound);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (draining) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return chain.filter(exchange);
    }

    /** Before the body limit and security, so that every answer, refusals included, closes. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        if (period.isZero()) {
            callback.run();
            return;
        }
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        DisposableServer bound = server;
        if (bound != null) {
            // The listening channel only: the connections it accepted stay open.
            bound.channel().close().syncUninterruptibly();
        }
        draining = true;
        Thread.ofPlatform().name("shutdown-drain").daemon().start(() -> {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Only a real shutdown drains: a test context paused between test classes (a lifecycle stop
     * without a close) must keep its listener, or it answers nothing when the next class resumes it.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Stops before everything else, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}

package dev.conference.frontend.agenda;

import dev.conference.frontend.security.SecurityConfiguration;
import dev.conference.web.ShutdownDrain;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The busiest request of the site, an agenda read that memory can answer without a call to agenda-service
 * ({@link AgendaReadCache#servable}), answered by Reactor Netty itself: before Spring WebFlux makes an exchange of
 * the request, observes it and runs it through the web filters, Spring Security and the gateway. The answer is the
 * one those would give, built by the same code ({@link CachedAnswer#writeHeaders}, the same security headers from
 * {@link SecurityConfiguration#FIXED_SECURITY_HEADERS}), and the request is counted in {@code http.server.requests}
 * as before. Every other request, and an agenda read that memory cannot answer now, goes the normal way, where
 * {@link AgendaHotPath} and the {@code AgendaCache} filter take it.
 * <p>
 * Only plain-HTTP requests are taken: over TLS Spring Security adds HSTS, which this route does not write.
 */
@Component
class AgendaHotRoute implements NettyRouteProvider {

    private final AgendaReadCache cache;
    private final ShutdownDrain drain;
    private final Counter hits;
    private final Timer ok;
    private final Timer notModified;
    /**
     * The answer the route's condition found, for its handler: Reactor Netty tests a route's condition and, when it
     * holds, calls the handler at once on the same thread.
     */
    private final ThreadLocal<CachedAnswer> found = new ThreadLocal<>();

    AgendaHotRoute(AgendaReadCache cache, ShutdownDrain drain, MeterRegistry meters) {
        this.cache = cache;
        this.drain = drain;
        this.hits = AgendaHotPath.hits(meters);
        this.ok = served(meters, HttpResponseStatus.OK, "SUCCESS");
        this.notModified = served(meters, HttpResponseStatus.NOT_MODIFIED, "REDIRECTION");
    }

    /** The timer Spring's observation of the same request would have recorded it in. */
    private static Timer served(MeterRegistry meters, HttpResponseStatus status, String outcome) {
        return Timer.builder("http.server.requests")
                .tags("error", "none", "exception", "none", "method", "GET", "outcome", outcome,
                        "status", String.valueOf(status.code()), "uri", "UNKNOWN")
                .register(meters);
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(this::answerable, this::answer);
    }

    /** Tested for every request of the site: most are not agenda reads and cost a method and a prefix check. */
    private boolean answerable(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET || !"http".equals(request.scheme())) {
            return false;
        }
        AgendaCacheKey key = AgendaCacheKey.ofTarget(request.uri());
        CachedAnswer answer = key == null ? null : cache.servable(key);
        if (answer == null) {
            return false;
        }
        found.set(answer);
        return true;
    }

    private Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        CachedAnswer answer = found.get();
        found.remove();
        hits.increment();
        HttpHeaders headers = response.responseHeaders();
        boolean unchanged = answer.notModified(request.requestHeaders().getAll(HttpHeaderNames.IF_NONE_MATCH));
        answer.writeHeaders(headers::set, unchanged);
        SecurityConfiguration.FIXED_SECURITY_HEADERS.forEach(headers::set);
        if (drain.isDraining()) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Timer timer = unchanged ? notModified : ok;
        Mono<Void> sent = unchanged
                ? response.status(HttpResponseStatus.NOT_MODIFIED).send().then()
                : response.status(HttpResponseStatus.OK).send(Mono.just(Unpooled.wrappedBuffer(answer.sharedBodyView()))).then();
        return sent.doFinally(signal -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }
}

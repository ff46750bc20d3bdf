package dev.conference.frontend.agenda;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.web.Problems;
import java.time.Duration;
import java.time.Instant;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code AgendaCache} in a route's filters: the agenda reads that memory could not answer go to
 * agenda-service through {@link AgendaReadCache}, which keeps the public agenda readable whatever happens
 * to agenda-service.
 *
 * <ul>
 *   <li>A successful answer from agenda-service is kept ({@link AgendaReadCache#refresh}) and sent.</li>
 *   <li>While memory keeps an answer, agenda-service is asked whether it changed ({@code If-None-Match} with its
 *       tag, {@link AgendaReadCache#validator}); a 304 serves the kept answer ({@link AgendaReadCache#confirm}), so
 *       the body crosses the network only when it changed.</li>
 *   <li>When agenda-service fails, is slow (the route's timeout), answers 5xx or garbage, or its
 *       circuit breaker or bulkhead refuses the call, the read is answered from a copy
 *       ({@link AgendaReadCache#fallback}) with {@code X-Agenda-Stale: true} and {@code Age}. Only when
 *       there is no copy at all is the answer 503 problem+json.</li>
 *   <li>Every answer has a strong {@code ETag}; {@code If-None-Match} gets 304.</li>
 *   <li>On the write routes (moving, deleting) a success makes this replica ask agenda-service again.</li>
 * </ul>
 *
 * <p>It runs outside {@link NettyWriteResponseFilter} so that it sees the body before anything is
 * sent to the client.
 */
@Component
public class AgendaCacheGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    public static final String STALE_HEADER = CachedAnswer.STALE_HEADER;

    private static final Logger log = LoggerFactory.getLogger(AgendaCacheGatewayFilterFactory.class);

    private final AgendaReadCache cache;
    private final Duration retryAfter;

    AgendaCacheGatewayFilterFactory(AgendaReadCache cache, FrontendProperties properties) {
        this.cache = cache;
        this.retryAfter = properties.retryAfter();
    }

    @Override
    public String name() {
        return "AgendaCache";
    }

    @Override
    public GatewayFilter apply(Object config) {
        return new OrderedGatewayFilter(this::filter, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!AgendaRead.matches(request)) {
            if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
                expireOnSuccess(exchange);
            }
            return chain.filter(exchange);
        }
        AgendaCacheKey key = AgendaCacheKey.of(request);
        if (key == null) {
            return chain.filter(exchange);
        }
        // The copy is checked and kept as plain bytes: ask agenda-service for an uncompressed answer,
        // whatever encodings the browser accepts. When memory keeps an answer, ask whether it changed; the
        // browser's own If-None-Match is then answered here, against the answer served.
        String validator = cache.validator(key);
        ServerHttpRequest upstream = request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.ACCEPT_ENCODING);
            if (validator != null) {
                headers.set(HttpHeaders.IF_NONE_MATCH, validator);
            }
        }).build();
        CapturingResponse capturing = new CapturingResponse(exchange, key, validator != null);
        return chain.filter(exchange.mutate().request(upstream).response(capturing).build())
                .onErrorResume(error -> {
                    if (exchange.getResponse().isCommitted()) {
                        return Mono.error(error);
                    }
                    log.debug("agenda-service failed on {}; answering from a copy", key.value(), error);
                    return answerFromCopy(exchange, key);
                });
    }

    /** Before the answer is committed, not after it is sent: a read right after a change must not get the copy of before. */
    private void expireOnSuccess(ServerWebExchange exchange) {
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && status.is2xxSuccessful()) {
                cache.expireAll();
            }
            return Mono.empty();
        });
    }

    private Mono<Void> answerFromCopy(ServerWebExchange exchange, AgendaCacheKey key) {
        return cache.fallback(key)
                .flatMap(copy -> copy.writeTo(exchange))
                .switchIfEmpty(Mono.defer(() -> {
                    CachedAnswer.removeUpstreamHeaders(exchange);
                    return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Agenda unavailable",
                            "The agenda service is not answering and no copy of this part of the agenda has been kept yet. "
                                    + "Try again in a moment.", retryAfter);
                }));
    }

    /**
     * Holds back agenda-service's answer until it is checked and kept, then sends it; when agenda-service answers 304
     * to the tag of the answer kept, sends that one.
     */
    private final class CapturingResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final AgendaCacheKey key;
        private final boolean revalidating;

        CapturingResponse(ServerWebExchange exchange, AgendaCacheKey key, boolean revalidating) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.key = key;
            this.revalidating = revalidating;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatusCode status = getStatusCode();
            if (revalidating && status != null && status.value() == HttpStatus.NOT_MODIFIED.value()) {
                String etag = getHeaders().getETag();
                return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() ->
                        cache.confirm(key, etag, Instant.now())
                                .map(answer -> answer.writeTo(exchange))
                                .orElseGet(() -> Mono.error(new IllegalStateException("agenda-service confirmed " + etag
                                        + " for " + key.value() + ", which this replica no longer keeps")))));
            }
            if (status != null && status.is2xxSuccessful()) {
                return DataBufferUtils.join(Flux.from(body)).defaultIfEmpty(bufferFactory().wrap(new byte[0]))
                        .flatMap(this::keepAndServe);
            }
            if (status != null && status.value() == 404 && key.item() != null) {
                cache.forget(key);
            }
            return super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).flatMapSequential(p -> p));
        }

        private Mono<Void> keepAndServe(DataBuffer buffer) {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            String type = getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            return cache.refresh(key, bytes, type == null ? "application/octet-stream" : type,
                            getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION), Instant.now())
                    .map(answer -> answer.writeTo(exchange))
                    .orElseGet(() -> Mono.error(new IllegalStateException("agenda-service answered " + key.value()
                            + " with something that is not an agenda")));
        }
    }
}

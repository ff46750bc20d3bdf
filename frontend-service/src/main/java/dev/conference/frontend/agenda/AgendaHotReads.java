package dev.conference.frontend.agenda;

import dev.conference.frontend.security.SecurityConfiguration;
import dev.conference.web.ShutdownDrain;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The busiest request of the site, an agenda read, answered in the connection's Netty pipeline right after the
 * HTTP/1.1 decoder: before Reactor Netty makes the request's operations and routes it, and so before Spring WebFlux,
 * Spring Security and the gateway, whose work per request costs several times what the read itself does.
 * <ul>
 *   <li>When memory can answer it without a call to agenda-service ({@link AgendaReadCache#servable}), from memory.</li>
 *   <li>Otherwise (no micro-cache, or the read that refreshes an expired answer) it asks agenda-service itself
 *       ({@link AgendaUpstream}, connections kept per event loop) as the gateway's {@code agenda-read} route would: with
 *       the route's target, timeouts, breaker and bulkhead ({@link AgendaReadRoute}), only the headers agenda-service
 *       needs, and the tag of the answer kept ({@code If-None-Match}); its answer is kept and served as the route's
 *       {@code AgendaCache} filter keeps and serves it. A call the breaker or bulkhead refuses, and any outcome but an
 *       answer to serve, goes the normal way (below), where the route retries, counts it and answers from a copy.</li>
 * </ul>
 * The answer is the one Spring and the gateway would give, built by the same code ({@link CachedAnswer#writeHeaders},
 * the security headers of {@link SecurityConfiguration#FIXED_SECURITY_HEADERS}), and the request is counted in
 * {@code http.server.requests} as Spring's observation counts it. Every other request goes on untouched, where
 * {@link AgendaHotPath} and the {@code AgendaCache} filter take it.
 * <p>
 * Only what is safe to answer out of Reactor Netty's sight is taken: a GET of HTTP/1.1 without a body, on a
 * connection the client keeps alive, over plain HTTP (over TLS Spring Security adds HSTS, which is not written here),
 * not while the service drains, and only while Reactor Netty answers no earlier request of the connection; while
 * agenda-service is asked, what else arrives on the connection waits: answers leave in the order the requests came.
 * Reactor Netty's idle timeout stays in charge, as it watches the connection's bytes, which these reads are.
 */
@Component
class AgendaHotReads implements NettyServerCustomizer, DisposableBean {

    static final String HANDLER = "frontend.agendaHotReads";

    private static final Logger log = LoggerFactory.getLogger(AgendaHotReads.class);

    /** The headers written here are the answer's own and fixed ones, already valid: checking them per read costs time. */
    private static final HttpHeadersFactory TRUSTED_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private final AgendaReadCache cache;
    private final ShutdownDrain drain;
    private final Counter hits;
    private final Timer ok;
    private final Timer notModified;
    /** How this handler asks agenda-service, or null when it answers only from memory. */
    private final Upstream upstream;

    @Autowired
    AgendaHotReads(AgendaReadCache cache, ShutdownDrain drain, MeterRegistry meters, GatewayProperties gateway,
                   HttpClientProperties httpClient, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {
        this(cache, drain, meters, Upstream.of(AgendaReadRoute.of(gateway, httpClient), breakers, bulkheads));
    }

    AgendaHotReads(AgendaReadCache cache, ShutdownDrain drain, MeterRegistry meters, Upstream upstream) {
        this.cache = cache;
        this.drain = drain;
        this.upstream = upstream;
        this.hits = AgendaHotPath.hits(meters);
        this.ok = served(meters, HttpResponseStatus.OK, "SUCCESS");
        this.notModified = served(meters, HttpResponseStatus.NOT_MODIFIED, "REDIRECTION");
    }

    /**
     * agenda-service as the {@code agenda-read} route calls it: its connections, and the route's breaker and bulkhead,
     * the very instances the route's {@code CircuitBreaker} filter uses, so that both ways of calling count together.
     */
    record Upstream(AgendaReadRoute route, AgendaUpstream calls, CircuitBreaker breaker, Bulkhead bulkhead) {

        /** How to ask agenda-service, or null when the route does not call it over plain HTTP (TLS, a load balancer). */
        static Upstream of(AgendaReadRoute route, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads) {
            if (!"http".equalsIgnoreCase(route.uri().getScheme()) || route.uri().getHost() == null) {
                log.info("agenda-service is not called over plain HTTP ({}): agenda reads memory cannot answer go through "
                        + "the gateway's route", route.uri());
                return null;
            }
            return new Upstream(route, new AgendaUpstream(route), breakers.circuitBreaker(route.breaker()),
                    bulkheads.bulkhead(route.breaker()));
        }
    }

    @Override
    public void destroy() {
        if (upstream != null) {
            upstream.calls().close();
        }
    }

    /** The timer Spring's observation of the same request would have recorded it in. */
    private static Timer served(MeterRegistry meters, HttpResponseStatus status, String outcome) {
        return Timer.builder("http.server.requests")
                .tags("error", "none", "exception", "none", "method", "GET", "outcome", outcome,
                        "status", String.valueOf(status.code()), "uri", "UNKNOWN")
                .register(meters);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> install(channel.pipeline()));
    }

    /**
     * Just before Reactor Netty's HTTP handler, so after any handler that must see every request and answer (the
     * slow-request deadline's); only on plain HTTP/1.1 connections.
     */
    void install(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(NettyPipeline.HttpTrafficHandler) != null
                && pipeline.get(NettyPipeline.SslHandler) == null) {
            pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER, new Reads());
        }
    }

    /** The key of a read to answer here, from memory or by asking agenda-service, or null for any other request. */
    private static AgendaCacheKey keyOf(HttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())
                || !request.decoderResult().isSuccess() || !HttpUtil.isKeepAlive(request)
                || HttpUtil.isContentLengthSet(request) || HttpUtil.isTransferEncodingChunked(request)) {
            return null;
        }
        return AgendaCacheKey.ofTarget(request.uri());
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request, CachedAnswer answer, long start) {
        hits.increment();
        boolean unchanged = answer.notModified(request.headers().getAll(HttpHeaderNames.IF_NONE_MATCH));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                unchanged ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.bodyToWrite()),
                TRUSTED_HEADERS, TRUSTED_HEADERS);
        HttpHeaders headers = response.headers();
        answer.writeHeaders(headers::set, unchanged);
        SecurityConfiguration.FIXED_SECURITY_HEADERS.forEach(headers::set);
        boolean closing = drain.isDraining();
        if (closing) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Timer timer = unchanged ? notModified : ok;
        ChannelFuture sent = ctx.writeAndFlush(response);
        sent.addListener(future -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        if (closing) {
            sent.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** One connection's reads: answers those memory holds, hands the others on, and counts what Reactor Netty answers. */
    private final class Reads extends ChannelDuplexHandler {

        /** Requests handed on to Reactor Netty whose answers have not all been written. */
        private int handedOn;
        /** The rest of a request answered here (the decoder's empty last content) is dropped. */
        private boolean dropping;
        /** The read agenda-service is being asked for, or null; while there is one, what arrives is held. */
        private HttpRequest asking;
        private final ArrayDeque<Object> held = new ArrayDeque<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (dropping && msg instanceof HttpContent) {
                dropping = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                readNextRequest(ctx);
                return;
            }
            if (asking != null) {
                held.add(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                long start = System.nanoTime();
                AgendaCacheKey key = handedOn == 0 ? keyOf(request) : null;
                CachedAnswer answer = key == null ? null : cache.servable(key);
                if (key != null && answer == null && upstream != null && !drain.isDraining()) {
                    answer = cache.get(key);
                    if (answer == null) {
                        // Before asking: a call that fails at once hands the read on before ask returns.
                        dropping = !(msg instanceof LastHttpContent);
                        if (ask(ctx, request, key, start)) {
                            return;
                        }
                        dropping = false;
                        cache.done(key);
                    }
                }
                if (answer != null) {
                    dropping = !(msg instanceof LastHttpContent);
                    ReferenceCountUtil.release(msg);
                    answer(ctx, request, answer, start);
                    readNextRequest(ctx);
                    return;
                }
                handedOn++;
            }
            ctx.fireChannelRead(msg);
        }

        /**
         * Asks agenda-service for the read through the route's breaker and bulkhead, or answers false when either
         * refuses the call: then the read goes the normal way, whose route answers it from a copy. An answer to serve
         * (200, or 304 to the tag of the answer kept) is kept as the route keeps it and counts as the breaker's success.
         * Any other outcome (no connection, a 5xx or another status, a body that is not an agenda) is not counted here:
         * the read goes the normal way, whose route calls again, retries, counts the outcome once and answers from a copy.
         * No whole answer within the route's response timeout counts as a failure, and the read gets the copy at once.
         */
        private boolean ask(ChannelHandlerContext ctx, HttpRequest request, AgendaCacheKey key, long start) {
            CircuitBreaker breaker = upstream.breaker();
            Bulkhead bulkhead = upstream.bulkhead();
            if (!breaker.tryAcquirePermission()) {
                return false;
            }
            if (!bulkhead.tryAcquirePermission()) {
                breaker.releasePermission();
                return false;
            }
            asking = request;
            String validator = cache.validator(key);
            String target = upstream.route().upstreamTarget(request.uri());
            upstream.calls().get(ctx.channel(), target, request.headers().get(HttpHeaderNames.ACCEPT), validator,
                    new AgendaUpstream.Outcome() {
                        @Override
                        public void replied(AgendaUpstream.Reply reply) {
                            bulkhead.onComplete();
                            Optional<CachedAnswer> kept = Optional.empty();
                            try {
                                if (reply.status() == HttpResponseStatus.NOT_MODIFIED.code() && validator != null) {
                                    kept = cache.confirm(key, reply.etag(), Instant.now());
                                } else if (reply.status() == HttpResponseStatus.OK.code()) {
                                    kept = cache.refresh(key, reply.body(),
                                            reply.contentType() == null ? "application/octet-stream" : reply.contentType(),
                                            reply.contentDisposition(), Instant.now());
                                }
                            } catch (RuntimeException e) {
                                log.warn("Could not keep agenda-service's answer to {}; the route answers the read", key.value(), e);
                            }
                            cache.done(key);
                            if (kept.isPresent()) {
                                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                                answered(ctx, kept.get(), start);
                            } else {
                                breaker.releasePermission();
                                handOn(ctx);
                            }
                        }

                        @Override
                        public void failed(Throwable error) {
                            bulkhead.onComplete();
                            cache.done(key);
                            if (error instanceof TimeoutException) {
                                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error);
                                answerFromCopy(ctx, key, start);
                            } else {
                                breaker.releasePermission();
                                handOn(ctx);
                            }
                        }
                    });
            return true;
        }

        /**
         * agenda-service gave no whole answer within the route's response timeout: the read gets the copy at once, as the
         * route answers after its retry, rather than wait that long again; with no copy it goes the normal way.
         */
        private void answerFromCopy(ChannelHandlerContext ctx, AgendaCacheKey key, long start) {
            cache.fallback(key).map(Optional::of).defaultIfEmpty(Optional.empty()).subscribe(
                    copy -> ctx.executor().execute(() -> {
                        if (copy.isPresent()) {
                            answered(ctx, copy.get(), start);
                        } else {
                            handOn(ctx);
                        }
                    }),
                    error -> ctx.executor().execute(() -> handOn(ctx)));
        }

        private void answered(ChannelHandlerContext ctx, CachedAnswer answer, long start) {
            HttpRequest request = asking;
            asking = null;
            if (ctx.channel().isActive()) {
                answer(ctx, request, answer, start);
            }
            ReferenceCountUtil.release(request);
            replayHeld(ctx);
            readNextRequest(ctx);
        }

        /** agenda-service did not give an answer to serve: the read goes the normal way, which knows what to do. */
        private void handOn(ChannelHandlerContext ctx) {
            HttpRequest request = asking;
            asking = null;
            if (!ctx.channel().isActive()) {
                ReferenceCountUtil.release(request);
                return;
            }
            handedOn++;
            ctx.fireChannelRead(request);
            if (!(request instanceof LastHttpContent)) {
                ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            replayHeld(ctx);
        }

        private void replayHeld(ChannelHandlerContext ctx) {
            while (asking == null && !held.isEmpty()) {
                channelRead(ctx, held.poll());
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }

        /**
         * Reactor Netty reads a connection's next request only when it asks for it, after each answer it gives; a
         * request answered here must ask in its place, once the request has been read to its end.
         */
        private void readNextRequest(ChannelHandlerContext ctx) {
            if (!dropping && asking == null && !ctx.channel().config().isAutoRead()) {
                ctx.read();
            }
        }

        /** Only Reactor Netty's answers pass here: this handler writes its own from its place, toward the socket. */
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent && handedOn > 0
                    && !(msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
                handedOn--;
            }
            ctx.write(msg, promise);
        }
    }
}

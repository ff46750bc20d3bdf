package dev.conference.frontend.agenda;

import dev.conference.frontend.security.SecurityConfiguration;
import dev.conference.web.ShutdownDrain;
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
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The busiest request of the site, an agenda read that memory can answer without a call to agenda-service
 * ({@link AgendaReadCache#servable}), answered in the connection's Netty pipeline right after the HTTP/1.1 decoder:
 * before Reactor Netty makes the request's operations and routes it, and so before Spring WebFlux, Spring Security
 * and the gateway. The answer is the one those would give, built by the same code ({@link CachedAnswer#writeHeaders},
 * the security headers of {@link SecurityConfiguration#FIXED_SECURITY_HEADERS}), and the request is counted in
 * {@code http.server.requests} as Spring's observation counts it. Every other request, and an agenda read that
 * memory cannot answer now, goes on untouched, where {@link AgendaHotPath} and the {@code AgendaCache} filter take it.
 * <p>
 * Only what is safe to answer out of Reactor Netty's sight is taken: a GET of HTTP/1.1 without a body, on a
 * connection the client keeps alive, over plain HTTP (over TLS Spring Security adds HSTS, which is not written here),
 * and only while Reactor Netty answers no earlier request of the connection: answers leave in the order the requests
 * came. Reactor Netty's idle timeout stays in charge, as it watches the connection's bytes, which these reads are.
 */
@Component
class AgendaHotReads implements NettyServerCustomizer {

    static final String HANDLER = "frontend.agendaHotReads";

    /** The headers written here are the answer's own and fixed ones, already valid: checking them per read costs time. */
    private static final HttpHeadersFactory TRUSTED_HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private final AgendaReadCache cache;
    private final ShutdownDrain drain;
    private final Counter hits;
    private final Timer ok;
    private final Timer notModified;

    AgendaHotReads(AgendaReadCache cache, ShutdownDrain drain, MeterRegistry meters) {
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

    /** The answer memory serves for the request, or null when the request is not one to answer here. */
    private CachedAnswer answerable(HttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())
                || !request.decoderResult().isSuccess() || !HttpUtil.isKeepAlive(request)
                || HttpUtil.isContentLengthSet(request) || HttpUtil.isTransferEncodingChunked(request)) {
            return null;
        }
        AgendaCacheKey key = AgendaCacheKey.ofTarget(request.uri());
        return key == null ? null : cache.servable(key);
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request, CachedAnswer answer) {
        long start = System.nanoTime();
        hits.increment();
        boolean unchanged = answer.notModified(request.headers().getAll(HttpHeaderNames.IF_NONE_MATCH));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                unchanged ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.sharedBodyView()),
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

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (dropping && msg instanceof HttpContent) {
                dropping = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                readNextRequest(ctx);
                return;
            }
            if (msg instanceof HttpRequest request) {
                CachedAnswer answer = handedOn == 0 ? answerable(request) : null;
                if (answer != null) {
                    dropping = !(msg instanceof LastHttpContent);
                    ReferenceCountUtil.release(msg);
                    answer(ctx, request, answer);
                    readNextRequest(ctx);
                    return;
                }
                handedOn++;
            }
            ctx.fireChannelRead(msg);
        }

        /**
         * Reactor Netty reads a connection's next request only when it asks for it, after each answer it gives; a
         * request answered here must ask in its place, once the request has been read to its end.
         */
        private void readNextRequest(ChannelHandlerContext ctx) {
            if (!dropping && !ctx.channel().config().isAutoRead()) {
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

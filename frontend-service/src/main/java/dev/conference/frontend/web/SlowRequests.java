package dev.conference.frontend.web;

import dev.conference.frontend.config.FrontendProperties;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Connections that send a request slowly are closed, so that a few clients dribbling bytes cannot hold the
 * server's connections: the request line and headers must be complete within {@code frontend.requests.header-timeout}
 * of the request's first byte (or of the connection's start), and the body within {@code frontend.requests.body-timeout}
 * of the headers. A kept-alive connection waiting for its next request is closed after {@code server.netty.idle-timeout}.
 * <p>
 * Each connection has one deadline and at most one timer, which a request only moves (a field write): Reactor
 * Netty's own {@code requestTimeout} schedules a task per request and leaves it scheduled when the answer is sent
 * before the request's end is read, as agenda reads answered from memory are, so each such request stayed on the
 * heap for the whole timeout (at 6,000 requests a second, the heap filled and full collections stalled every answer).
 */
@Component
class SlowRequests implements NettyServerCustomizer {

    private final Duration headerTimeout;
    private final Duration bodyTimeout;

    @Autowired
    SlowRequests(FrontendProperties properties) {
        this(properties.requests());
    }

    SlowRequests(FrontendProperties.Requests requests) {
        this.headerTimeout = requests.headerTimeout();
        this.bodyTimeout = requests.bodyTimeout();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                install(pipeline, headerTimeout, bodyTimeout, System::nanoTime);
            }
        });
    }

    /** Puts one connection's deadline around its HTTP/1.1 codec. */
    static void install(ChannelPipeline pipeline, Duration headerTimeout, Duration bodyTimeout, LongSupplier nanoClock) {
        RequestDeadline deadline = new RequestDeadline(headerTimeout.toNanos(), bodyTimeout.toNanos(), nanoClock);
        pipeline.addBefore(NettyPipeline.HttpCodec, "frontend.requestDeadline.bytes", deadline.new Bytes());
        pipeline.addAfter(NettyPipeline.HttpCodec, "frontend.requestDeadline.requests", deadline.new Requests());
    }

    /**
     * One connection's deadline for the request it is reading: its head from the first byte (or the connection's
     * start), then its body from the head. None while an answer is being made or between requests. When the timer
     * fires before the deadline (the deadline moved since it was set), it is set again for the time left.
     */
    private static final class RequestDeadline {

        private static final long NONE = Long.MIN_VALUE;

        private final long headerNanos;
        private final long bodyNanos;
        private final LongSupplier nanoClock;
        private long deadline = NONE;
        private ScheduledFuture<?> timer;
        private boolean betweenRequests = true;

        RequestDeadline(long headerNanos, long bodyNanos, LongSupplier nanoClock) {
            this.headerNanos = headerNanos;
            this.bodyNanos = bodyNanos;
            this.nanoClock = nanoClock;
        }

        private void expectWithin(ChannelHandlerContext ctx, long nanos) {
            deadline = nanoClock.getAsLong() + nanos;
            if (timer == null) {
                schedule(ctx, nanos);
            }
        }

        private void schedule(ChannelHandlerContext ctx, long nanos) {
            timer = ctx.executor().schedule(() -> check(ctx), nanos, TimeUnit.NANOSECONDS);
        }

        private void check(ChannelHandlerContext ctx) {
            timer = null;
            if (deadline == NONE) {
                return;
            }
            long left = deadline - nanoClock.getAsLong();
            if (left <= 0) {
                ctx.channel().close();
            } else {
                schedule(ctx, left);
            }
        }

        private void clear() {
            deadline = NONE;
        }

        private void stop() {
            clear();
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        /** Before the codec: sees the bytes as they come. */
        final class Bytes extends ChannelInboundHandlerAdapter {

            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                if (ctx.channel().isActive()) {
                    startHead(ctx);
                }
            }

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                startHead(ctx);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (betweenRequests) {
                    startHead(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }

            private void startHead(ChannelHandlerContext ctx) {
                betweenRequests = false;
                expectWithin(ctx, headerNanos);
            }
        }

        /** After the codec: sees whole request heads and ends come in, and answers go out. */
        final class Requests extends ChannelDuplexHandler {

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    clear();
                } else if (msg instanceof HttpRequest) {
                    expectWithin(ctx, bodyNanos);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    betweenRequests = true;
                }
                ctx.write(msg, promise);
            }
        }
    }
}

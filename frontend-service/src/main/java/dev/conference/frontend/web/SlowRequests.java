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
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Connections that send a request slowly are closed, so that a few clients dribbling bytes cannot hold the
 * server's connections: the request line and headers must be complete within {@code frontend.requests.header-timeout}
 * of the request's first byte (or of the connection's start), and the body within {@code frontend.requests.body-timeout}.
 * A kept-alive connection waiting for its next request is closed after {@code server.netty.idle-timeout}.
 */
@Component
class SlowRequests implements NettyServerCustomizer {

    private final Duration headerTimeout;
    private final Duration bodyTimeout;

    SlowRequests(FrontendProperties properties) {
        this.headerTimeout = properties.requests().headerTimeout();
        this.bodyTimeout = properties.requests().bodyTimeout();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.requestTimeout(bodyTimeout).doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                HeaderDeadline deadline = new HeaderDeadline(headerTimeout.toMillis());
                pipeline.addBefore(NettyPipeline.HttpCodec, "frontend.headerDeadline.bytes", deadline.new Bytes());
                pipeline.addAfter(NettyPipeline.HttpCodec, "frontend.headerDeadline.requests", deadline.new Requests());
            }
        });
    }

    /**
     * One connection's deadline for the headers of its current request: set when the connection starts and at the
     * first byte after an answer, met when the codec has read a whole request head, and the connection closed
     * when it passes.
     */
    private static final class HeaderDeadline {

        private final long millis;
        private ScheduledFuture<?> timer;
        private boolean betweenRequests = true;

        HeaderDeadline(long millis) {
            this.millis = millis;
        }

        private void set(ChannelHandlerContext ctx) {
            betweenRequests = false;
            if (timer == null) {
                timer = ctx.executor().schedule(() -> {
                    ctx.channel().close();
                }, millis, TimeUnit.MILLISECONDS);
            }
        }

        private void met() {
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
                    set(ctx);
                }
            }

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                set(ctx);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (betweenRequests) {
                    set(ctx);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                met();
                ctx.fireChannelInactive();
            }
        }

        /** After the codec: sees whole request heads come in and answers go out. */
        final class Requests extends ChannelDuplexHandler {

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    met();
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

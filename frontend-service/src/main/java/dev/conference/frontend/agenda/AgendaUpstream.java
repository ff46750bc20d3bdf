package dev.conference.frontend.agenda;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * agenda-service, asked from a client connection's pipeline on the connection's own event loop: one {@code GET} at a
 * time per upstream connection, kept alive and pooled per event loop, so that neither side waits for another thread.
 * Each call ends in exactly one {@link Outcome}: the reply (status, the headers kept, whole body) or the failure (no
 * connection, a connection lost, no whole answer within the response timeout). agenda-service's name is resolved when
 * a connection is opened, by the JDK's resolver (which caches names for 30 s), on the event loop: rare, as connections
 * are kept.
 */
final class AgendaUpstream implements AutoCloseable {

    /** agenda-service's answer, its body read whole. */
    record Reply(int status, String contentType, String contentDisposition, String etag, byte[] body) {
    }

    interface Outcome {

        void replied(Reply reply);

        void failed(Throwable error);
    }

    /** The largest body taken; the whole agenda of 300 talks is about 250 KB. */
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String hostHeader;
    /** Null: Netty's default. */
    private final Integer connectTimeoutMillis;
    private final long responseTimeoutNanos;
    private final long maxIdleNanos;
    private final long maxLifeNanos;
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final FastThreadLocal<ArrayDeque<Connection>> idle = new FastThreadLocal<>() {
        @Override
        protected ArrayDeque<Connection> initialValue() {
            return new ArrayDeque<>();
        }
    };

    /** Calls the route's agenda-service with the route's timeouts and the gateway's pool lifetimes; a null is no limit. */
    AgendaUpstream(AgendaReadRoute route) {
        URI agendaService = route.uri();
        this.host = agendaService.getHost();
        this.port = agendaService.getPort() > 0 ? agendaService.getPort() : 80;
        this.hostHeader = agendaService.getPort() > 0 ? host + ":" + port : host;
        this.connectTimeoutMillis = route.connectTimeout() == null ? null : (int) route.connectTimeout().toMillis();
        this.responseTimeoutNanos = nanosOrNoLimit(route.responseTimeout());
        this.maxIdleNanos = nanosOrNoLimit(route.maxIdle());
        this.maxLifeNanos = nanosOrNoLimit(route.maxLife());
    }

    private static long nanosOrNoLimit(Duration duration) {
        return duration == null ? Long.MAX_VALUE : duration.toNanos();
    }

    /**
     * Asks agenda-service for {@code target} (its own path and query; like the gateway's routes, the path of the
     * service's URI is not used), with {@code If-None-Match} when a validator is given. Must be called on
     * {@code client}'s event loop; the outcome comes on it too.
     */
    void get(Channel client, String target, String accept, String validator, Outcome outcome) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
        request.headers().set(HttpHeaderNames.HOST, hostHeader);
        if (accept != null) {
            request.headers().set(HttpHeaderNames.ACCEPT, accept);
        }
        if (validator != null) {
            request.headers().set(HttpHeaderNames.IF_NONE_MATCH, validator);
        }
        Connection pooled = pooled();
        if (pooled != null) {
            pooled.send(request, outcome);
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(new ReflectiveChannelFactory<>(client.getClass()))
                .option(ChannelOption.TCP_NODELAY, true);
        if (connectTimeoutMillis != null) {
            bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis);
        }
        bootstrap
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                new Connection(channel));
                    }
                })
                .connect(host, port)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        request.release();
                        outcome.failed(connected.cause());
                        return;
                    }
                    Channel channel = ((ChannelFuture) connected).channel();
                    open.add(channel);
                    channel.pipeline().get(Connection.class).send(request, outcome);
                });
    }

    /** An idle connection of this event loop fit to use, or null; those idle or open too long are closed. */
    private Connection pooled() {
        ArrayDeque<Connection> connections = idle.get();
        long now = System.nanoTime();
        Connection connection;
        while ((connection = connections.pollFirst()) != null) {
            if (connection.channel.isActive() && now - connection.idleSince < maxIdleNanos
                    && now - connection.openedAt < maxLifeNanos) {
                return connection;
            }
            connection.channel.close();
        }
        return null;
    }

    @Override
    public void close() {
        open.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** One upstream connection and the call it carries, if any. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final Channel channel;
        private final long openedAt = System.nanoTime();
        private long idleSince;
        private Outcome waiting;
        private ScheduledFuture<?> deadline;

        Connection(Channel channel) {
            super(true);
            this.channel = channel;
        }

        void send(FullHttpRequest request, Outcome outcome) {
            waiting = outcome;
            if (responseTimeoutNanos != Long.MAX_VALUE) {
                deadline = channel.eventLoop().schedule(
                        () -> fail(new TimeoutException("agenda-service gave no whole answer in time")),
                        responseTimeoutNanos, TimeUnit.NANOSECONDS);
            }
            channel.writeAndFlush(request).addListener(sent -> {
                if (!sent.isSuccess()) {
                    fail(sent.cause());
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Outcome outcome = waiting;
            if (outcome == null) {
                channel.close();
                return;
            }
            waiting = null;
            cancelDeadline();
            // Only a 200's body is ever used.
            byte[] body = new byte[response.status().code() == 200 ? response.content().readableBytes() : 0];
            response.content().readBytes(body);
            Reply reply = new Reply(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                    response.headers().get(HttpHeaderNames.CONTENT_DISPOSITION),
                    response.headers().get(HttpHeaderNames.ETAG), body);
            if (HttpUtil.isKeepAlive(response)) {
                idleSince = System.nanoTime();
                idle.get().addFirst(this);
            } else {
                channel.close();
            }
            outcome.replied(reply);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new IllegalStateException("agenda-service closed the connection"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }

        private void fail(Throwable error) {
            Outcome outcome = waiting;
            waiting = null;
            channel.close();
            if (outcome != null) {
                cancelDeadline();
                outcome.failed(error);
            }
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}

package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.config.FrontendProperties;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A connection's request deadline on an embedded channel, with the event loop's clock stopped and moved by the
 * test: the head within 10 s, the body within 30 s of the head, nothing between requests, and no timer left per
 * request (the server answers each request as soon as its head is read, as the agenda's hot path does).
 */
class RequestDeadlineTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);

    private long now;
    private final EmbeddedChannel channel = new EmbeddedChannel();

    RequestDeadlineTest() {
        channel.freezeTime();
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
        SlowRequests.install(channel.pipeline(), HEADER_TIMEOUT, BODY_TIMEOUT, () -> now);
        channel.pipeline().addLast(new AnswerOnHead());
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aThousandRequestsAnsweredOnTheirHeadLeaveNoDeadlineAndNoTimerBehind() {
        for (int i = 0; i < 1_000; i++) {
            receive("GET /api/agenda HTTP/1.1\r\nHost: localhost\r\n\r\n");
            advance(Duration.ofMillis(5));
        }
        advance(Duration.ofMinutes(2));

        assertThat(channel.isOpen()).as("between requests there is no deadline").isTrue();
        assertThat(channel.runScheduledPendingTasks()).as("no timer is left scheduled").isEqualTo(-1);
        assertThat(answers()).isEqualTo(1_000);
    }

    @Test
    void headersNotCompleteWithinTheHeaderTimeoutCloseTheConnection() {
        receive("GET /api/agenda HTTP/1.1\r\nHost: loc");
        advance(HEADER_TIMEOUT.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();

        advance(Duration.ofMillis(2));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theHeaderTimeoutCountsFromTheRequestsFirstByteNotFromTheConnectionsStart() {
        receive("GET /api/agenda HTTP/1.1\r\nHost: localhost\r\n\r\n");
        advance(Duration.ofSeconds(25));
        receive("GET /api/agenda HTTP/1.1\r\n");
        advance(Duration.ofSeconds(9));
        receive("Host: localhost\r\n\r\n");
        advance(Duration.ofMinutes(1));

        assertThat(channel.isOpen()).isTrue();
        assertThat(answers()).isEqualTo(2);
    }

    @Test
    void aBodyNotCompleteWithinTheBodyTimeoutOfItsHeadClosesTheConnection() {
        receive("POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nuser");
        advance(BODY_TIMEOUT.minusSeconds(1));
        receive("na");
        assertThat(channel.isOpen()).isTrue();

        advance(Duration.ofSeconds(2));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aBodyThatEndsInTimeLeavesNoDeadline() {
        receive("POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nuser");
        advance(Duration.ofSeconds(20));
        receive("name=o");
        advance(Duration.ofMinutes(2));

        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1);
    }

    @Test
    void reactorNettysOwnRequestTimeoutIsNotUsed() {
        HttpServer server = new SlowRequests(new FrontendProperties.Requests(HEADER_TIMEOUT, BODY_TIMEOUT))
                .apply(HttpServer.create());

        assertThat(server.configuration().requestTimeout()).isNull();
    }

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        for (Object sent = channel.readOutbound(); sent != null; sent = channel.readOutbound()) {
            ReferenceCountUtil.release(sent);
        }
    }

    private void advance(Duration time) {
        now += time.toNanos();
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private int answers() {
        return channel.pipeline().get(AnswerOnHead.class).answered;
    }

    /** Answers a GET as soon as its head is read, before its end; other requests once they are read whole. */
    private static final class AnswerOnHead extends ChannelInboundHandlerAdapter {

        private int answered;
        private boolean get;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                get = HttpMethod.GET.equals(request.method());
            }
            if (get ? msg instanceof HttpRequest : msg instanceof LastHttpContent) {
                DefaultFullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(answer);
                answered++;
            }
            ReferenceCountUtil.release(msg);
        }
    }
}

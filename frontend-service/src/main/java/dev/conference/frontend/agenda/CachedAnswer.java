package dev.conference.frontend.agenda;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One agenda answer held by {@link AgendaReadCache}, ready to be written: its ETag and length are
 * computed once, and once it is served from memory its body is one read-only direct buffer that every
 * answer shares (the socket writes it without a copy).
 */
final class CachedAnswer {

    static final String STALE_HEADER = "X-Agenda-Stale";
    private static final String NO_CACHE = "no-cache";
    private static final String STALE = "true";

    private final AgendaSnapshot snapshot;
    private final boolean stale;
    private final long expiresAtNanos;
    private final long savedAtNanos;
    private final boolean invalidated;
    private final String etag;
    private final String contentLength;
    private volatile ByteBuffer shared;

    /**
     * @param savedAtNanos when these bytes were last written to Redis (on the clock of {@link AgendaReadCache})
     */
    CachedAnswer(AgendaSnapshot snapshot, boolean stale, long expiresAtNanos, long savedAtNanos) {
        this(snapshot, stale, expiresAtNanos, savedAtNanos, false, null);
    }

    /**
     * As {@link #CachedAnswer(AgendaSnapshot, boolean, long, long)}; when {@code previous} has the very same body (the
     * bytes kept again, as agenda-service confirmed them), its shared copy ({@link #sharedBody}) is taken over, not
     * made again: a direct buffer per read is slow to make and counts against the JVM's limit of direct memory.
     */
    CachedAnswer(AgendaSnapshot snapshot, boolean stale, long expiresAtNanos, long savedAtNanos, CachedAnswer previous) {
        this(snapshot, stale, expiresAtNanos, savedAtNanos, false,
                previous != null && previous.snapshot.body() == snapshot.body() ? previous.shared : null);
    }

    private CachedAnswer(AgendaSnapshot snapshot, boolean stale, long expiresAtNanos, long savedAtNanos,
                         boolean invalidated, ByteBuffer shared) {
        this.snapshot = snapshot;
        this.stale = stale;
        this.expiresAtNanos = expiresAtNanos;
        this.savedAtNanos = savedAtNanos;
        this.invalidated = invalidated;
        this.etag = snapshot.etag(stale);
        this.contentLength = String.valueOf(snapshot.body().length);
        this.shared = shared;
    }

    AgendaSnapshot snapshot() {
        return snapshot;
    }

    /** Its {@code ETag}, computed once; a stale answer's differs from the fresh one's. */
    String etag() {
        return etag;
    }

    boolean stale() {
        return stale;
    }

    boolean freshAt(long nanos) {
        return !invalidated && expiresAtNanos - nanos > 0;
    }

    long expiresAtNanos() {
        return expiresAtNanos;
    }

    long savedAtNanos() {
        return savedAtNanos;
    }

    /** Whether a write to the agenda made this answer unfit to be served, even while another read refreshes it. */
    boolean invalidated() {
        return invalidated;
    }

    /** The same answer, no longer served from memory: kept only as the last answer seen. */
    CachedAnswer invalidate() {
        return new CachedAnswer(snapshot, stale, expiresAtNanos, savedAtNanos, true, shared);
    }

    /** This answer, its body copied once into the buffer that answers from memory share. */
    CachedAnswer sharedBody() {
        if (shared == null) {
            byte[] body = snapshot.body();
            shared = ByteBuffer.allocateDirect(body.length).put(body).flip().asReadOnlyBuffer();
        }
        return this;
    }

    /** Writes the answer (or 304 when the client has it) to the exchange's response. */
    Mono<Void> writeTo(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        removeUpstreamHeaders(exchange);
        HttpHeaders headers = response.getHeaders();
        boolean notModified = notModified(exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.IF_NONE_MATCH));
        writeHeaders(headers::set, notModified);
        if (notModified) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bodyToWrite())));
    }

    /**
     * Sets the answer's headers: its validator and caching always, and when the answer is not {@code 304} what
     * describes the body. Every way of writing an answer goes through here, so they cannot differ.
     */
    void writeHeaders(BiConsumer<String, String> header, boolean notModified) {
        header.accept(HttpHeaders.ETAG, etag);
        header.accept(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        if (stale) {
            header.accept(STALE_HEADER, STALE);
            header.accept(HttpHeaders.AGE, String.valueOf(
                    Math.max(0, Duration.between(snapshot.storedAt(), Instant.now()).toSeconds())));
        }
        if (!notModified) {
            header.accept(HttpHeaders.CONTENT_TYPE, snapshot.contentType());
            if (snapshot.contentDisposition() != null) {
                header.accept(HttpHeaders.CONTENT_DISPOSITION, snapshot.contentDisposition());
            }
            header.accept(HttpHeaders.CONTENT_LENGTH, contentLength);
        }
    }

    /**
     * The body to write, a read-only view of its own for each answer: the shared copy ({@link #sharedBody}), made once
     * for the bytes and kept while agenda-service confirms them; but an answer from a copy not yet shared is written
     * from its bytes, as each read answered from a copy without the micro-cache brings a new one.
     */
    ByteBuffer bodyToWrite() {
        ByteBuffer body = shared;
        if (body == null && stale) {
            return ByteBuffer.wrap(snapshot.body()).asReadOnlyBuffer();
        }
        return (body != null ? body : sharedBody().shared).duplicate();
    }

    /** Whether both answers write the one shared copy of their bytes. */
    boolean sharesBodyWith(CachedAnswer other) {
        return shared != null && shared == other.shared;
    }

    /** Whether the client already has this answer: one of its {@code If-None-Match} tags is this ETag, or {@code *}. */
    boolean notModified(Iterable<String> ifNoneMatch) {
        for (String value : ifNoneMatch) {
            for (String candidate : value.split(",")) {
                String tag = candidate.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Headers the routing filter copied from a failed or replaced agenda-service answer. */
    static void removeUpstreamHeaders(ServerWebExchange exchange) {
        Set<String> copied = exchange.getAttribute(CLIENT_RESPONSE_HEADER_NAMES);
        if (copied != null) {
            copied.forEach(exchange.getResponse().getHeaders()::remove);
        }
    }
}

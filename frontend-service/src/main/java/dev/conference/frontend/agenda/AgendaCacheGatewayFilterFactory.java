package dev.conference.frontend.agenda;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.web.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
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
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code AgendaCache} in a route's filters: keeps the public agenda readable whatever happens to
 * agenda-service.
 *
 * <ul>
 *   <li>A read answered within {@code frontend.agenda.micro-cache-ttl} comes from memory.</li>
 *   <li>Every successful answer from agenda-service is checked (an agenda, not garbage) and refreshes
 *       the last-known-good copy in Redis.</li>
 *   <li>When agenda-service fails, is slow (the route's timeout), answers 5xx or garbage, or its
 *       circuit breaker is open, the read is answered from that copy with {@code X-Agenda-Stale: true}
 *       and {@code Age}; a day or an item never read on its own is cut from the copy of the whole
 *       agenda. Only when there is no copy at all is the answer 503 problem+json.</li>
 *   <li>Every answer has a strong {@code ETag}; {@code If-None-Match} gets 304.</li>
 *   <li>On the write routes (moving, deleting) a success makes this replica ask agenda-service again.</li>
 * </ul>
 *
 * <p>It runs outside {@link NettyWriteResponseFilter} so that it sees the body before anything is
 * sent to the client.
 */
@Component
public class AgendaCacheGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    public static final String STALE_HEADER = "X-Agenda-Stale";

    private static final Logger log = LoggerFactory.getLogger(AgendaCacheGatewayFilterFactory.class);

    private final LastKnownGoodAgenda lastKnownGood;
    private final MicroCache memory;
    private final StaleAgendaAnswers staleAnswers;
    private final Duration retryAfter;
    private final JsonMapper json = JsonMapper.builder().build();

    AgendaCacheGatewayFilterFactory(LastKnownGoodAgenda lastKnownGood, MicroCache memory,
                                    StaleAgendaAnswers staleAnswers, FrontendProperties properties) {
        this.lastKnownGood = lastKnownGood;
        this.memory = memory;
        this.staleAnswers = staleAnswers;
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
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method)) {
            if (HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
                return chain.filter(exchange);
            }
            // Before the answer is committed, not after it is sent: a client that reads the agenda right
            // after a change must not be answered from the copy of before the change.
            exchange.getResponse().beforeCommit(() -> {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                if (status != null && status.is2xxSuccessful()) {
                    memory.expireAll();
                }
                return Mono.empty();
            });
            return chain.filter(exchange);
        }
        AgendaCacheKey key = AgendaCacheKey.of(exchange.getRequest());
        if (key == null) {
            return chain.filter(exchange);
        }
        MicroCache.Entry hit = memory.fresh(key);
        if (hit != null) {
            if (hit.stale()) {
                staleAnswers.served();
            }
            return serve(exchange, hit.snapshot(), hit.stale());
        }
        ServerHttpResponse capturing = new CapturingResponse(exchange, key);
        // The copy is checked and kept as plain bytes: ask agenda-service for an uncompressed answer,
        // whatever encodings the browser accepts.
        ServerHttpRequest identity = exchange.getRequest().mutate()
                .headers(headers -> headers.remove(HttpHeaders.ACCEPT_ENCODING))
                .build();
        return chain.filter(exchange.mutate().request(identity).response(capturing).build())
                .onErrorResume(error -> {
                    if (exchange.getResponse().isCommitted()) {
                        return Mono.error(error);
                    }
                    log.debug("agenda-service failed on {}; answering from the last-known-good copy", key.value(), error);
                    return serveLastKnownGood(exchange, key);
                });
    }

    private Mono<Void> serveLastKnownGood(ServerWebExchange exchange, AgendaCacheKey key) {
        Mono<AgendaSnapshot> copy = lastKnownGood.load(key);
        if (key.derivableFromAll()) {
            copy = copy.switchIfEmpty(Mono.defer(() -> lastKnownGood.load(AgendaCacheKey.ALL)
                    .flatMap(all -> Mono.justOrEmpty(derive(all, key)))));
        }
        copy = copy.switchIfEmpty(Mono.fromSupplier(() -> memory.lastSeen(key)));
        return copy.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
            if (found.isPresent()) {
                memory.put(key, found.get(), true);
                staleAnswers.served();
                return serve(exchange, found.get(), true);
            }
            removeUpstreamHeaders(exchange);
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Agenda unavailable",
                    "The agenda service is not answering and no copy of this part of the agenda has been kept yet. "
                            + "Try again in a moment.", retryAfter);
        });
    }

    /** The day or the item cut out of a copy of the whole agenda, or empty when it is not in it. */
    private Optional<AgendaSnapshot> derive(AgendaSnapshot all, AgendaCacheKey key) {
        try {
            JsonNode items = json.readTree(all.body());
            if (!items.isArray()) {
                return Optional.empty();
            }
            if (key.day() != null) {
                ArrayNode day = json.createArrayNode();
                items.forEach(item -> {
                    if (key.day().toString().equals(item.path("day").asString(""))) {
                        day.add(item);
                    }
                });
                return Optional.of(new AgendaSnapshot(json.writeValueAsBytes(day), all.contentType(), null, all.storedAt()));
            }
            for (JsonNode item : items) {
                if (key.item().toString().equals(item.path("id").asString(""))) {
                    return Optional.of(new AgendaSnapshot(json.writeValueAsBytes(item), all.contentType(), null,
                            all.storedAt()));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Mono<Void> serve(ServerWebExchange exchange, AgendaSnapshot snapshot, boolean stale) {
        ServerHttpResponse response = exchange.getResponse();
        removeUpstreamHeaders(exchange);
        HttpHeaders headers = response.getHeaders();
        String etag = snapshot.etag(stale);
        headers.setETag(etag);
        headers.setCacheControl("no-cache");
        if (stale) {
            headers.set(STALE_HEADER, "true");
            headers.set(HttpHeaders.AGE, String.valueOf(
                    Math.max(0, Duration.between(snapshot.storedAt(), Instant.now()).toSeconds())));
        }
        if (notModified(exchange, etag)) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        headers.set(HttpHeaders.CONTENT_TYPE, snapshot.contentType());
        if (snapshot.contentDisposition() != null) {
            headers.set(HttpHeaders.CONTENT_DISPOSITION, snapshot.contentDisposition());
        }
        headers.setContentLength(snapshot.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(snapshot.body())));
    }

    private static boolean notModified(ServerWebExchange exchange, String etag) {
        for (String value : exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.IF_NONE_MATCH)) {
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
    private static void removeUpstreamHeaders(ServerWebExchange exchange) {
        Set<String> copied = exchange.getAttribute(CLIENT_RESPONSE_HEADER_NAMES);
        if (copied != null) {
            copied.forEach(exchange.getResponse().getHeaders()::remove);
        }
    }

    /** Whether the bytes are what the key asks for: garbage from agenda-service is never kept. */
    private boolean plausible(AgendaCacheKey key, AgendaSnapshot snapshot) {
        if (key == AgendaCacheKey.CALENDAR) {
            return snapshot.text().startsWith("BEGIN:VCALENDAR");
        }
        try {
            MediaType type = MediaType.parseMediaType(snapshot.contentType());
            if (!MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
                return false;
            }
            JsonNode node = json.readTree(snapshot.body());
            return key.item() != null ? node.isObject() : node.isArray();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Holds back agenda-service's answer until it is checked and kept, then sends it. */
    private final class CapturingResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final AgendaCacheKey key;

        CapturingResponse(ServerWebExchange exchange, AgendaCacheKey key) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatusCode status = getStatusCode();
            if (status != null && status.is2xxSuccessful()) {
                return DataBufferUtils.join(Flux.from(body)).defaultIfEmpty(bufferFactory().wrap(new byte[0]))
                        .flatMap(this::keepAndServe);
            }
            if (status != null && status.value() == 404 && key.item() != null) {
                memory.remove(key);
                return lastKnownGood.delete(key).then(super.writeWith(body));
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
            AgendaSnapshot snapshot = new AgendaSnapshot(bytes, type == null ? "application/octet-stream" : type,
                    getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION), Instant.now());
            if (!plausible(key, snapshot)) {
                return Mono.error(new IllegalStateException("agenda-service answered " + key.value()
                        + " with something that is not an agenda"));
            }
            memory.put(key, snapshot, false);
            return lastKnownGood.save(key, snapshot).then(serve(exchange, snapshot, false));
        }
    }
}

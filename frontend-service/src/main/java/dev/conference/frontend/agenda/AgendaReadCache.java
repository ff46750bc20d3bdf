package dev.conference.frontend.agenda;

import dev.conference.frontend.config.FrontendProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The agenda answers this replica keeps, and the only place that changes them. A read is answered by
 * {@link #get} from memory, or it asks agenda-service and hands the answer to {@link #refresh}, or, when
 * agenda-service fails, is answered by {@link #fallback} from a copy.
 *
 * <ul>
 *   <li><b>Memory</b> (the micro-cache): an answer is served for {@code frontend.agenda.micro-cache-ttl}.
 *       When it expires, one read refreshes it while the others keep getting it (stale while revalidate,
 *       one flight per answer), so an expiry sends one call, not a crowd, to agenda-service. A write to
 *       the agenda ends that at once: until a read brings the new agenda, every read asks agenda-service.
 *       With the time to live 0 nothing is served from memory. At most
 *       {@code frontend.agenda.micro-cache-entries} answers are held; when full, the one that expired
 *       first makes room.</li>
 *   <li><b>Copies</b> ({@link LastKnownGoodAgenda}, in Redis): each checked answer is written there
 *       in the background, never on the read's way. {@link #fallback} answers from the copy of the same
 *       read, else the last answer in memory, else (for a day or an item) the part of the whole agenda's
 *       copy that holds it.</li>
 * </ul>
 */
@Component
public class AgendaReadCache {

    private static final Logger log = LoggerFactory.getLogger(AgendaReadCache.class);
    /** A refresh that has not ended by then is taken over: longer than the route's response timeout and retry. */
    private static final long REFRESH_LIMIT_NANOS = Duration.ofSeconds(5).toNanos();
    /**
     * The same bytes are written to Redis again only after this long: without the micro-cache every read
     * refreshes, and the copy's {@code Age} is counted in seconds anyway.
     */
    private static final long RESAVE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    private final Map<AgendaCacheKey, CachedAnswer> memory = new ConcurrentHashMap<>();
    private final Map<AgendaCacheKey, Long> refreshing = new ConcurrentHashMap<>();
    private final LastKnownGoodAgenda copies;
    private final StaleAgendaAnswers staleAnswers;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    AgendaReadCache(LastKnownGoodAgenda copies, StaleAgendaAnswers staleAnswers, FrontendProperties properties) {
        this(copies, staleAnswers, properties.agenda().microCacheTtl(), properties.agenda().microCacheEntries(),
                System::nanoTime);
    }

    AgendaReadCache(LastKnownGoodAgenda copies, StaleAgendaAnswers staleAnswers, Duration ttl, int maxEntries,
                    LongSupplier nanoClock) {
        this.copies = copies;
        this.staleAnswers = staleAnswers;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * The answer to serve from memory, or null: then the caller asks agenda-service, hands the outcome to
     * {@link #refresh}, {@link #fallback} or {@link #forget}, and calls {@link #done} when its read ends.
     */
    public CachedAnswer get(AgendaCacheKey key) {
        return fromMemory(key, true);
    }

    /**
     * The answer memory serves without a call to agenda-service, or null. Unlike {@link #get}, a null never makes
     * the caller the read that refreshes the answer: a caller that cannot ask agenda-service itself passes the
     * read on, and {@link #get} decides there.
     */
    public CachedAnswer servable(AgendaCacheKey key) {
        return fromMemory(key, false);
    }

    private CachedAnswer fromMemory(AgendaCacheKey key, boolean mayRefresh) {
        CachedAnswer answer = memory.get(key);
        if (answer == null || answer.invalidated()) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (answer.freshAt(now)) {
            return served(answer);
        }
        if (ttlNanos == 0) {
            return null;
        }
        if (mayRefresh) {
            Long since = refreshing.putIfAbsent(key, now);
            if (since == null || (now - since > REFRESH_LIMIT_NANOS && refreshing.replace(key, since, now))) {
                return null; // this read refreshes the answer
            }
        } else {
            Long since = refreshing.get(key);
            if (since == null || now - since > REFRESH_LIMIT_NANOS) {
                return null; // no read is refreshing it
            }
        }
        return served(answer);
    }

    /** The read that asked agenda-service has ended: another may refresh the answer when it expires. */
    public void done(AgendaCacheKey key) {
        refreshing.remove(key);
    }

    /**
     * Keeps agenda-service's answer, in memory and (in the background, unless the same bytes went there
     * within the last second) in Redis, and answers what to serve,
     * or empty when the bytes are not what the read asks for: garbage is never kept.
     */
    public Optional<CachedAnswer> refresh(AgendaCacheKey key, AgendaSnapshot snapshot) {
        if (!plausible(key, snapshot)) {
            return Optional.empty();
        }
        return Optional.of(keep(key, snapshot, memory.get(key)));
    }

    /**
     * As {@link #refresh(AgendaCacheKey, AgendaSnapshot)} for the bytes agenda-service sent. When they are the
     * bytes of the answer kept, they are neither checked nor hashed again: without the micro-cache every read
     * comes here, and parsing and hashing the whole agenda each time was a large part of what a proxied read cost.
     */
    public Optional<CachedAnswer> refresh(AgendaCacheKey key, byte[] body, String contentType, String contentDisposition,
                                          Instant sentAt) {
        CachedAnswer previous = memory.get(key);
        AgendaSnapshot kept = previous == null || previous.stale() ? null : previous.snapshot();
        if (kept != null && kept.contentType().equals(contentType)
                && Objects.equals(kept.contentDisposition(), contentDisposition) && Arrays.equals(kept.body(), body)) {
            return Optional.of(keepAgain(key, previous, sentAt));
        }
        return refresh(key, new AgendaSnapshot(body, contentType, contentDisposition, sentAt));
    }

    /**
     * The tag to ask agenda-service with ({@code If-None-Match}) whether the answer memory keeps for the read has
     * changed, or null when memory keeps none from agenda-service. agenda-service tags its answers as this cache does
     * (the first half of the body's SHA-256), so its 304 confirms the kept bytes ({@link #confirm}) and the body does not
     * cross the network again; a backend that tagged them otherwise would answer 200 with the body, as without the tag.
     */
    public String validator(AgendaCacheKey key) {
        CachedAnswer answer = memory.get(key);
        return answer == null || answer.stale() ? null : answer.etag();
    }

    /**
     * agenda-service answered 304 to the tag {@link #validator} gave: the kept answer is kept again as if its bytes had
     * just come, and served. Empty when memory no longer keeps an answer with that tag (another read kept newer bytes
     * meanwhile): then the 304 confirms nothing this read could serve.
     */
    public Optional<CachedAnswer> confirm(AgendaCacheKey key, String etag, Instant sentAt) {
        CachedAnswer previous = memory.get(key);
        if (previous == null || previous.stale() || !previous.etag().equals(etag)) {
            return Optional.empty();
        }
        return Optional.of(keepAgain(key, previous, sentAt));
    }

    /** The bytes kept are agenda-service's answer still: neither checked nor hashed again. */
    private CachedAnswer keepAgain(AgendaCacheKey key, CachedAnswer previous, Instant sentAt) {
        AgendaSnapshot kept = previous.snapshot();
        return keep(key, new AgendaSnapshot(kept.body(), kept.contentType(), kept.contentDisposition(), sentAt,
                kept.digest()), previous);
    }

    private CachedAnswer keep(AgendaCacheKey key, AgendaSnapshot snapshot, CachedAnswer previous) {
        long now = nanoClock.getAsLong();
        boolean saved = previous != null && !previous.stale() && now - previous.savedAtNanos() < RESAVE_AFTER_NANOS
                && previous.snapshot().digest().equals(snapshot.digest());
        CachedAnswer answer = put(key, snapshot, false, saved ? previous.savedAtNanos() : now, previous);
        if (!saved) {
            copies.save(key, snapshot).subscribe();
        }
        return answer;
    }

    /**
     * The answer from a copy, marked stale and kept in memory for the micro-cache's time to live, or empty
     * when no copy holds this read.
     */
    public Mono<CachedAnswer> fallback(AgendaCacheKey key) {
        Mono<AgendaSnapshot> copy = copyOf(key);
        if (key.derivableFromAll()) {
            copy = copy.switchIfEmpty(Mono.defer(() -> copyOf(AgendaCacheKey.ALL))
                    .flatMap(all -> Mono.justOrEmpty(cut(all, key))));
        }
        return copy.map(found -> {
            staleAnswers.served();
            return put(key, found, true, nanoClock.getAsLong(), null);
        });
    }

    /** agenda-service knows no such item: neither memory nor Redis keeps an answer for it. */
    public void forget(AgendaCacheKey key) {
        memory.remove(key);
        copies.delete(key).subscribe();
    }

    /** The agenda changed: no answer is served from memory until agenda-service gives a new one. */
    public void expireAll() {
        memory.replaceAll((key, answer) -> answer.invalidate());
    }

    private CachedAnswer served(CachedAnswer answer) {
        if (answer.stale()) {
            staleAnswers.served();
        }
        return answer.sharedBody();
    }

    /** Keeps the answer; when {@code previous} holds the very same bytes, their copy for answers from memory is kept too. */
    private CachedAnswer put(AgendaCacheKey key, AgendaSnapshot snapshot, boolean stale, long savedAtNanos,
                             CachedAnswer previous) {
        long now = nanoClock.getAsLong();
        if (memory.size() >= maxEntries && !memory.containsKey(key)) {
            memory.entrySet().stream()
                    .min((a, b) -> Long.compare(a.getValue().expiresAtNanos() - now, b.getValue().expiresAtNanos() - now))
                    .ifPresent(oldest -> memory.remove(oldest.getKey()));
        }
        CachedAnswer answer = new CachedAnswer(snapshot, stale, now + ttlNanos, savedAtNanos, previous);
        memory.put(key, answer);
        refreshing.remove(key);
        return answer;
    }

    private Mono<AgendaSnapshot> copyOf(AgendaCacheKey key) {
        return copies.load(key).switchIfEmpty(Mono.fromSupplier(() -> {
            CachedAnswer last = memory.get(key);
            return last == null ? null : last.snapshot();
        }));
    }

    /** The day or the item cut out of a copy of the whole agenda, or empty when it is not in it. */
    private Optional<AgendaSnapshot> cut(AgendaSnapshot all, AgendaCacheKey key) {
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
            log.debug("The copy of the whole agenda is not an agenda", e);
            return Optional.empty();
        }
    }

    /** Whether the bytes are what the key asks for: one JSON array (an item: object), or an iCalendar file. */
    private boolean plausible(AgendaCacheKey key, AgendaSnapshot snapshot) {
        if (key == AgendaCacheKey.CALENDAR) {
            return snapshot.text().startsWith("BEGIN:VCALENDAR");
        }
        try (JsonParser parser = json.createParser(snapshot.body())) {
            if (!MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(snapshot.contentType()))) {
                return false;
            }
            JsonToken first = parser.nextToken();
            if (first != (key.item() != null ? JsonToken.START_OBJECT : JsonToken.START_ARRAY)) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

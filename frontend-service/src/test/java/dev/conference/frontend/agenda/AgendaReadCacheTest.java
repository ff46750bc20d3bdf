package dev.conference.frontend.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The rules of the agenda's memory: who refreshes an expired answer, what a write or a full cache does. */
class AgendaReadCacheTest {

    private static final Duration TTL = Duration.ofSeconds(1);
    private static final AgendaCacheKey DAY = new AgendaCacheKey("list:day=2027-05-12", java.time.LocalDate.parse("2027-05-12"), null);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LastKnownGoodAgenda redis = mock(LastKnownGoodAgenda.class);
    private AgendaReadCache cache;

    @BeforeEach
    void redisThatNeverAnswers() {
        // A save that never ends: a read must not wait for it.
        when(redis.save(any(), any())).thenReturn(Mono.never());
        when(redis.load(any())).thenReturn(Mono.empty());
        when(redis.delete(any())).thenReturn(Mono.empty());
        cache = cacheWith(TTL, 256);
    }

    private AgendaReadCache cacheWith(Duration ttl, int entries) {
        return new AgendaReadCache(redis, new StaleAgendaAnswers(new SimpleMeterRegistry()), ttl, entries, now::get);
    }

    private static AgendaSnapshot agenda(String json) {
        return new AgendaSnapshot(json.getBytes(StandardCharsets.UTF_8), "application/json", null, Instant.now());
    }

    private void later(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aFreshAnswerIsServedFromMemoryAndItsRedisCopyIsNotWaitedFor() {
        assertThat(cache.refresh(AgendaCacheKey.ALL, agenda("[1]"))).isPresent();

        assertThat(cache.get(AgendaCacheKey.ALL).snapshot().text()).isEqualTo("[1]");
    }

    @Test
    void anExpiredAnswerIsRefreshedByOneReadWhileTheOthersKeepGettingIt() {
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));
        later(TTL.plusMillis(1));

        assertThat(cache.get(AgendaCacheKey.ALL)).as("the read that refreshes").isNull();
        for (int i = 0; i < 50; i++) {
            assertThat(cache.get(AgendaCacheKey.ALL).snapshot().text()).isEqualTo("[1]");
        }
        cache.refresh(AgendaCacheKey.ALL, agenda("[2]"));
        cache.done(AgendaCacheKey.ALL);

        assertThat(cache.get(AgendaCacheKey.ALL).snapshot().text()).isEqualTo("[2]");
    }

    @Test
    void aRefreshThatEndsWithoutAnAnswerLetsTheNextReadTry() {
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));
        later(TTL.plusMillis(1));
        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();

        cache.done(AgendaCacheKey.ALL);

        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.get(AgendaCacheKey.ALL)).isNotNull();
    }

    @Test
    void aRefreshThatNeverEndsIsTakenOver() {
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));
        later(TTL.plusMillis(1));
        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();

        later(Duration.ofSeconds(6));

        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.get(AgendaCacheKey.ALL)).isNotNull();
    }

    @Test
    void afterAWriteEveryReadAsksAgendaServiceUntilOneBringsTheNewAgenda() {
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));

        cache.expireAll();

        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        cache.refresh(AgendaCacheKey.ALL, agenda("[2]"));
        assertThat(cache.get(AgendaCacheKey.ALL).snapshot().text()).isEqualTo("[2]");
    }

    @Test
    void withoutAMicroCacheEveryReadAsksAgendaServiceButTheLastAnswerIsStillAFallback() {
        cache = cacheWith(Duration.ZERO, 256);
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));

        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();

        CachedAnswer copy = cache.fallback(AgendaCacheKey.ALL).block();
        assertThat(copy.stale()).isTrue();
        assertThat(copy.snapshot().text()).isEqualTo("[1]");
    }

    @Test
    void aFullMemoryMakesRoomWithTheAnswerThatExpiresFirstAndKeepsTheOthers() {
        cache = cacheWith(TTL, 2);
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));
        later(Duration.ofMillis(10));
        cache.refresh(DAY, agenda("[2]"));
        later(Duration.ofMillis(10));

        cache.refresh(AgendaCacheKey.CALENDAR, new AgendaSnapshot("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
                .getBytes(StandardCharsets.UTF_8), "text/calendar", null, Instant.now()));

        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.get(DAY)).isNotNull();
        assertThat(cache.get(AgendaCacheKey.CALENDAR)).isNotNull();
    }

    @Test
    void theSameBytesGoToRedisAtMostOnceASecondAndChangedOnesAtOnce() {
        cache = cacheWith(Duration.ZERO, 256);
        for (int i = 0; i < 10; i++) {
            cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));
            later(Duration.ofMillis(50));
        }
        verify(redis, times(1)).save(eq(AgendaCacheKey.ALL), any());

        cache.refresh(AgendaCacheKey.ALL, agenda("[2]"));
        later(Duration.ofSeconds(1));
        cache.refresh(AgendaCacheKey.ALL, agenda("[2]"));

        verify(redis, times(3)).save(eq(AgendaCacheKey.ALL), any());
    }

    @Test
    void theSameBytesAgainKeepTheSnapshotAlreadyCheckedWithTheTimeTheyCameAt() {
        cache = cacheWith(Duration.ZERO, 256);
        Instant first = Instant.parse("2027-05-12T08:00:00Z");
        Instant second = first.plusSeconds(3);
        CachedAnswer kept = cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "application/json", null, first).orElseThrow();

        CachedAnswer again = cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "application/json", null, second).orElseThrow();

        assertThat(again.snapshot().body()).as("the kept bytes, not the new copy").isSameAs(kept.snapshot().body());
        assertThat(again.snapshot().digest()).isEqualTo(kept.snapshot().digest());
        assertThat(again.snapshot().storedAt()).isEqualTo(second);
        assertThat(again.stale()).isFalse();
    }

    @Test
    void otherBytesOrAnotherTypeAreCheckedAgain() {
        cache = cacheWith(Duration.ZERO, 256);
        cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "application/json", null, Instant.now()).orElseThrow();

        assertThat(cache.refresh(AgendaCacheKey.ALL, bytes("[1,"), "application/json", null, Instant.now())).isEmpty();
        assertThat(cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "text/html", null, Instant.now())).isEmpty();
        CachedAnswer changed = cache.refresh(AgendaCacheKey.ALL, bytes("[2]"), "application/json", null, Instant.now())
                .orElseThrow();
        assertThat(changed.snapshot().digest()).isEqualTo(agenda("[2]").digest());
    }

    @Test
    void theTagToAskAgendaServiceWithIsTheKeptAnswersAndItsConfirmationKeepsThatAnswerAgain() {
        cache = cacheWith(Duration.ZERO, 256);
        Instant first = Instant.parse("2027-05-12T08:00:00Z");
        Instant second = first.plusSeconds(3);
        assertThat(cache.validator(AgendaCacheKey.ALL)).as("nothing kept").isNull();
        CachedAnswer kept = cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "application/json", null, first).orElseThrow();
        String tag = cache.validator(AgendaCacheKey.ALL);
        // agenda-service's tag for the same bytes: the first half of their SHA-256, in hex and quotes.
        assertThat(tag).isEqualTo("\"080a9ed428559ef602668b4c00f114f1\"");

        CachedAnswer confirmed = cache.confirm(AgendaCacheKey.ALL, tag, second).orElseThrow();

        assertThat(confirmed.snapshot().body()).as("the kept bytes").isSameAs(kept.snapshot().body());
        assertThat(confirmed.snapshot().storedAt()).isEqualTo(second);
        assertThat(confirmed.stale()).isFalse();
        assertThat(cache.confirm(AgendaCacheKey.ALL, "\"another\"", second)).as("a tag not kept").isEmpty();
        assertThat(cache.confirm(DAY, tag, second)).as("nothing kept for the day").isEmpty();
    }

    @Test
    void bytesKeptAgainKeepTheOneCopyAnswersShareAndNewBytesGetTheirOwn() {
        cache = cacheWith(Duration.ZERO, 256);
        Instant first = Instant.parse("2027-05-12T08:00:00Z");
        CachedAnswer kept = cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "application/json", null, first).orElseThrow();
        kept.bodyToWrite();

        CachedAnswer confirmed = cache.confirm(AgendaCacheKey.ALL, cache.validator(AgendaCacheKey.ALL), first.plusSeconds(1))
                .orElseThrow();
        CachedAnswer sameBytes = cache.refresh(AgendaCacheKey.ALL, bytes("[1]"), "application/json", null,
                first.plusSeconds(2)).orElseThrow();
        CachedAnswer changed = cache.refresh(AgendaCacheKey.ALL, bytes("[2]"), "application/json", null,
                first.plusSeconds(3)).orElseThrow();

        assertThat(confirmed.sharesBodyWith(kept)).as("confirmed by a 304").isTrue();
        assertThat(sameBytes.sharesBodyWith(kept)).as("the same bytes sent again").isTrue();
        assertThat(changed.sharesBodyWith(kept)).isFalse();
        assertThat(StandardCharsets.UTF_8.decode(changed.bodyToWrite()).toString()).isEqualTo("[2]");
    }

    @Test
    void aCopyFromRedisIsNeverOfferedForConfirmation() {
        when(redis.load(AgendaCacheKey.ALL)).thenReturn(Mono.just(agenda("[1]")));
        CachedAnswer copy = cache.fallback(AgendaCacheKey.ALL).block();

        assertThat(copy.stale()).isTrue();
        assertThat(cache.validator(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.confirm(AgendaCacheKey.ALL, copy.snapshot().etag(false), Instant.now())).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void garbageIsNotKept() {
        assertThat(cache.refresh(AgendaCacheKey.ALL, new AgendaSnapshot("<html>".getBytes(StandardCharsets.UTF_8),
                "text/html", null, Instant.now()))).isEmpty();
        assertThat(cache.refresh(AgendaCacheKey.ALL, agenda("[1,"))).isEmpty();
        assertThat(cache.refresh(AgendaCacheKey.ALL, agenda("{}"))).isEmpty();
        assertThat(cache.refresh(AgendaCacheKey.ALL, agenda("[] []"))).isEmpty();

        assertThat(cache.get(AgendaCacheKey.ALL)).isNull();
        assertThat(cache.fallback(AgendaCacheKey.ALL).blockOptional()).isEmpty();
    }

    @Test
    void whatMemoryCanServeIsAskedWithoutBecomingTheReadThatRefreshes() {
        assertThat(cache.servable(AgendaCacheKey.ALL)).as("nothing kept yet").isNull();
        cache.refresh(AgendaCacheKey.ALL, agenda("[1]"));
        assertThat(cache.servable(AgendaCacheKey.ALL).snapshot().text()).isEqualTo("[1]");
        later(TTL.plusMillis(1));

        assertThat(cache.servable(AgendaCacheKey.ALL)).as("expired, and no read refreshes it").isNull();
        assertThat(cache.get(AgendaCacheKey.ALL)).as("so the next read through get refreshes it").isNull();
        assertThat(cache.servable(AgendaCacheKey.ALL).snapshot().text())
                .as("while it does, memory serves the old answer").isEqualTo("[1]");

        later(Duration.ofSeconds(6));
        assertThat(cache.servable(AgendaCacheKey.ALL)).as("a refresh that never ended is not waited for").isNull();
        assertThat(cache.get(AgendaCacheKey.ALL)).as("the next read through get takes it over").isNull();
    }
}

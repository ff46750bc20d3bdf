package dev.conference.c4p.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Duration initial = Duration.ofMillis(500);
    private final Duration max = Duration.ofSeconds(60);

    @Test
    void delayDoublesWithEachAttemptBetweenHalfAndAllOfTheCeiling() {
        Backoff lowest = new Backoff(initial, max, () -> 0.0);
        Backoff highest = new Backoff(initial, max, () -> 1.0);

        assertThat(lowest.delayBeforeRetry(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(highest.delayBeforeRetry(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(highest.delayBeforeRetry(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(highest.delayBeforeRetry(4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(lowest.delayBeforeRetry(4)).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void delayNeverExceedsTheMaximumEvenAfterVeryManyAttempts() {
        Backoff highest = new Backoff(initial, max, () -> 1.0);

        assertThat(highest.delayBeforeRetry(10)).isEqualTo(max);
        assertThat(highest.delayBeforeRetry(1_000)).isEqualTo(max);
        assertThat(new Backoff(initial, max, () -> 0.0).delayBeforeRetry(1_000)).isEqualTo(max.dividedBy(2));
    }
}

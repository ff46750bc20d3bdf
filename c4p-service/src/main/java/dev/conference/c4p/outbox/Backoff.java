package dev.conference.c4p.outbox;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so that receivers coming back are not hit by every sender at once.
 */
record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    Duration delayBeforeRetry(int attempt) {
        long ceiling = max.toMillis();
        long exponential = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long delay = exponential <= 0 ? ceiling : Math.min(ceiling, exponential);
        long half = delay / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (delay - half)));
    }
}

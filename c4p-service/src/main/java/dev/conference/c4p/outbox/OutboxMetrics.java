package dev.conference.c4p.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * How late the outbox is, the two measures its service level objective and its backlog alert read:
 * {@code outbox.delivery.lag}, from an event's creation (the decision's commit) to its accepted
 * delivery, and {@code outbox.oldest.pending.age}, how long the oldest event not delivered yet has
 * been waiting.
 */
@Component
class OutboxMetrics {

    /** Histogram buckets around the one-second objective (docs/operations.md, "Service level objectives"). */
    static final Duration[] LAG_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)};

    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();

    OutboxMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("outbox.oldest.pending.age", this, OutboxMetrics::oldestPendingAgeSeconds)
                .description("How long the oldest outbox event not delivered yet has been waiting; 0 when none is")
                .baseUnit("seconds")
                .register(meters);
        // From the start, at zero, like the relay's outcome counters: a rate over the lag exists before the first delivery.
        for (OutboxKind kind : OutboxKind.values()) {
            lag(kind);
        }
    }

    /** An event of this kind, created at {@code createdAt}, was accepted by its receiver just now. */
    void delivered(OutboxKind kind, Instant createdAt) {
        lag(kind).record(Duration.between(createdAt, clock.instant()));
    }

    private Timer lag(OutboxKind kind) {
        return Timer.builder("outbox.delivery.lag")
                .description("Time from an outbox event's creation to its accepted delivery")
                .tag("kind", kind.name())
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(meters);
    }

    /** The creation time of the oldest pending event, or null when none is pending. */
    void oldestPendingCreatedAt(Instant createdAt) {
        oldestPending.set(createdAt);
    }

    private double oldestPendingAgeSeconds() {
        Instant createdAt = oldestPending.get();
        if (createdAt == null) {
            return 0;
        }
        return Math.max(0, Duration.between(createdAt, clock.instant()).toMillis() / 1000.0);
    }
}

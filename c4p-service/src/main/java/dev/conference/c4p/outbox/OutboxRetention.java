package dev.conference.c4p.outbox;

import dev.conference.c4p.config.C4pProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox table bounded: every purge interval, each replica deletes the events delivered longer
 * than the retention period ago, in batches of {@code purge-batch-size} rows, each batch its own
 * statement so that no transaction holds many locks or a long snapshot. Pending events are never
 * touched, and refused (FAILED) events stay until an organizer or operator has dealt with them.
 */
@Component
public class OutboxRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

    private final OutboxStore store;
    private final C4pProperties.Outbox settings;
    private final Clock clock;
    private final Counter purged;
    private volatile boolean running;
    private ScheduledExecutorService timer;

    OutboxRetention(OutboxStore store, C4pProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.settings = properties.outbox();
        this.clock = clock;
        this.purged = Counter.builder("outbox.purged")
                .description("Delivered outbox events deleted after the retention period")
                .register(meters);
    }

    /** Deletes the events delivered before the retention period began, batch after batch while running; returns how many. */
    public long purge() {
        Instant cutoff = clock.instant().minus(settings.retention());
        long total = 0;
        int deleted;
        do {
            deleted = store.purgeDelivered(cutoff, settings.purgeBatchSize());
            total += deleted;
            purged.increment(deleted);
        } while (deleted == settings.purgeBatchSize() && running);
        if (total > 0) {
            log.info("Purged {} outbox events delivered before {}", total, cutoff);
        }
        return total;
    }

    @Override
    public void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-retention").daemon().factory());
        long interval = settings.purgeInterval().toMillis();
        timer.scheduleWithFixedDelay(this::purgeQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Outbox purge failed; trying again in {}", settings.purgeInterval(), e);
        }
    }
}

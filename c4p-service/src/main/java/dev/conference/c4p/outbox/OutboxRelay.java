package dev.conference.c4p.outbox;

import dev.conference.c4p.config.C4pProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers outbox events to their receivers until each is accepted.
 *
 * <p>One relay runs in every C4P replica. It is woken right after a transaction that recorded events
 * commits, and otherwise looks for due events (retries, other replicas' events) every poll interval.
 * Events are claimed with a lease (see {@link OutboxStore#claimDue}) so replicas never deliver one
 * event at the same time; a replica that dies mid-delivery leaves its events to the others once
 * the lease ends, which is why every receiver honours the idempotency key.
 *
 * <p>Each kind of event has its own lane: its own limit of deliveries in flight
 * ({@code c4p.outbox.in-flight.*}) and its own claims, so that emails waiting on a slow SMTP server
 * never take the places of agenda entries, nor a burst of submissions' emails those of decisions.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final Map<OutboxKind, OutboxHandler> handlers = new EnumMap<>(OutboxKind.class);
    private final C4pProperties.Outbox settings;
    private final Backoff backoff;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Map<OutboxKind, Lane> lanes = new EnumMap<>(OutboxKind.class);
    private final AtomicLong backlog = new AtomicLong();
    private final MeterRegistry meters;
    private final OutboxMetrics lateness;
    private volatile boolean running;
    private Thread loop;
    private Instant backlogCountedAt = Instant.EPOCH;

    OutboxRelay(OutboxStore store, List<OutboxHandler> handlers, C4pProperties properties, Clock clock,
                MeterRegistry meters, OutboxMetrics lateness) {
        this.store = store;
        for (OutboxHandler handler : handlers) {
            handler.kinds().forEach(kind -> this.handlers.put(kind, handler));
        }
        for (OutboxKind kind : OutboxKind.values()) {
            if (!this.handlers.containsKey(kind)) {
                throw new IllegalStateException("No outbox handler for " + kind);
            }
        }
        this.settings = properties.outbox();
        for (OutboxKind kind : OutboxKind.values()) {
            lanes.put(kind, new Lane(kind, inFlightLimit(kind, settings.inFlight())));
        }
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.meters = meters;
        this.lateness = lateness;
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events not delivered yet")
                .register(meters);
        // From the start, at zero: an alert's increase() sees a refusal only if the series existed before it.
        for (OutboxKind kind : OutboxKind.values()) {
            for (String outcome : List.of("delivered", "skipped", "retry", "refused")) {
                outcome(kind, outcome);
            }
        }
    }

    @TransactionalEventListener
    void onRecorded(Outbox.OutboxRecorded recorded) {
        lanes.get(recorded.kind()).due = true;
        wakeUps.release();
    }

    private static int inFlightLimit(OutboxKind kind, C4pProperties.InFlight limits) {
        return switch (kind) {
            case AGENDA_ENTRY -> limits.agendaEntry();
            case DECISION_EMAIL -> limits.decisionEmail();
            case RECEIVED_EMAIL -> limits.receivedEmail();
            case AGENDA_REMOVAL -> limits.agendaRemoval();
            case WITHDRAWAL_EMAIL -> limits.withdrawalEmail();
        };
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        try {
            loop.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Keeps up to each lane's limit of deliveries in flight: claims a lane's due events when it may have
     * some (an event of its kind was recorded, its last claim was full, or the poll interval passed)
     * and it has free places, and claims again as soon as a place frees up while the outbox had more.
     */
    private void run() {
        lanes.values().forEach(lane -> lane.due = true);
        try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
            while (running) {
                for (Lane lane : lanes.values()) {
                    if (lane.canClaim()) {
                        lane.due = false;
                        try {
                            claimAndDeliver(lane, deliveries);
                        } catch (RuntimeException e) {
                            lane.moreWaiting = false;
                            log.warn("Outbox relay could not claim {} events; trying again in {}", lane.kind,
                                    settings.pollInterval(), e);
                        }
                    }
                }
                try {
                    countBacklogNowAndThen();
                } catch (RuntimeException e) {
                    log.warn("Outbox relay could not count the backlog; trying again in {}", settings.pollInterval(), e);
                }
                if (lanes.values().stream().noneMatch(Lane::canClaim) && !awaitWork()) {
                    lanes.values().forEach(lane -> lane.due = true);
                }
            }
        }
    }

    private void claimAndDeliver(Lane lane, ExecutorService deliveries) {
        int limit = lane.places.availablePermits();
        Instant now = clock.instant();
        List<OutboxStore.ClaimedEvent> batch = store.claimDue(lane.kind, limit, now, now.plus(settings.lease()));
        // A full claim suggests more are due: then every finished delivery wakes the loop to claim again.
        lane.moreWaiting = batch.size() == limit;
        for (OutboxStore.ClaimedEvent event : batch) {
            lane.places.acquireUninterruptibly();
            deliveries.submit(() -> {
                try {
                    deliver(event);
                } catch (RuntimeException e) {
                    log.error("Outbox delivery of {} crashed; it is retried when its lease ends", event.id(), e);
                } finally {
                    lane.places.release();
                    if (lane.moreWaiting) {
                        lane.due = true;
                    }
                    if (lane.due) {
                        wakeUps.release();
                    }
                }
            });
        }
    }

    private void deliver(OutboxStore.ClaimedEvent event) {
        int attempt = event.attempts() + 1;
        Span span = DeliverySpans.start(event, attempt);
        try (Scope ignored = span.makeCurrent()) {
            attempt(event, attempt, span);
        } finally {
            span.end();
        }
    }

    /**
     * Delivers once and records the outcome. The receivers log the side effects they perform (agenda
     * entry placed, email sent) or do not (entry of a withdrawn proposal); the relay logs what only it
     * knows: a retry, and an event given up for good. A skipped event ends like a delivered one (no retry,
     * nobody to act) but is not counted in the delivery lag, which measures accepted deliveries.
     */
    private void attempt(OutboxStore.ClaimedEvent event, int attempt, Span span) {
        OutboxHandler handler = handlers.get(event.kind());
        try {
            switch (handler.deliver(event.kind(), event.idempotencyKey(), event.payload())) {
                case DeliveryOutcome.Done done -> {
                    Instant createdAt = store.markDelivered(event.id(), clock.instant());
                    lateness.delivered(event.kind(), createdAt);
                    DeliverySpans.outcome(span, "delivered", null);
                    outcome(event.kind(), "delivered").increment();
                }
                case DeliveryOutcome.Skipped skipped -> {
                    store.markSkipped(event.id(), skipped.reason(), clock.instant());
                    DeliverySpans.outcome(span, "skipped", null);
                    outcome(event.kind(), "skipped").increment();
                }
            }
        } catch (DeliveryFailure failure) {
            if (failure.isPermanent()) {
                log.warn("Outbox {} of proposal {} FAILED for good at attempt {} (event {}): {}", event.kind(),
                        event.proposalId(), attempt, event.id(), failure.getMessage());
                store.markFailed(event.id(), failure.getMessage(), clock.instant());
                DeliverySpans.outcome(span, "refused", failure.getMessage());
                outcome(event.kind(), "refused").increment();
            } else {
                Instant next = clock.instant().plus(backoff.delayBeforeRetry(attempt));
                log.warn("Outbox {} of proposal {} attempt {} failed, retrying at {} (event {}): {}", event.kind(),
                        event.proposalId(), attempt, next, event.id(), failure.getMessage());
                store.markForRetry(event.id(), next, failure.getMessage());
                DeliverySpans.outcome(span, "retry", failure.getMessage());
                outcome(event.kind(), "retry").increment();
            }
        }
    }

    private Counter outcome(OutboxKind kind, String outcome) {
        return Counter.builder("outbox.deliveries")
                .description("Outbox delivery attempts by kind and outcome")
                .tag("kind", kind.name())
                .tag("outcome", outcome)
                .register(meters);
    }

    private void countBacklogNowAndThen() {
        Instant now = clock.instant();
        if (Duration.between(backlogCountedAt, now).compareTo(settings.pollInterval()) >= 0) {
            backlog.set(store.countPending());
            lateness.oldestPendingCreatedAt(store.oldestPendingCreatedAt());
            backlogCountedAt = now;
        }
    }

    /** Waits for a wake-up; false when the poll interval passed without one. */
    private boolean awaitWork() {
        try {
            if (wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return true;
        }
    }

    /** The deliveries of one kind: their places, and whether due events of the kind may be waiting. */
    private static final class Lane {

        private final OutboxKind kind;
        private final Semaphore places;
        private volatile boolean due;
        private volatile boolean moreWaiting;

        Lane(OutboxKind kind, int limit) {
            this.kind = kind;
            this.places = new Semaphore(limit);
        }

        boolean canClaim() {
            return due && places.availablePermits() > 0;
        }
    }
}

package dev.conference.c4p.outbox;

import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Where the C4P records side effects, inside the transaction of the change that causes them. */
@Component
public class Outbox {

    private final OutboxStore store;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Outbox(OutboxStore store, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records a side effect; it is delivered after (and only if) the surrounding transaction commits,
     * in the trace of the request that records it.
     *
     * @param idempotencyKey unique per side effect; the receiver uses it to ignore repeats
     * @param payload        the request body the receiver gets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID proposalId, OutboxKind kind, String idempotencyKey, Object payload) {
        store.insert(proposalId, kind, idempotencyKey, json.writeValueAsString(payload), clock.instant(),
                TraceContext.current());
        events.publishEvent(new OutboxRecorded(kind));
    }

    /**
     * Queues a side effect again unless it is already on its way: a delivered or refused event goes back
     * to pending with a fresh attempt count; a missing one is recorded anew. Returns false when it was
     * still pending (the relay will deliver it anyway). A requeued event is delivered in the trace of the
     * request that requeued it, when that request has one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean requeue(UUID proposalId, OutboxKind kind, String idempotencyKey, Object payload) {
        if (store.requeue(idempotencyKey, "queued again by the consistency check", TraceContext.current())) {
            events.publishEvent(new OutboxRecorded(kind));
            return true;
        }
        if (store.exists(idempotencyKey)) {
            return false;
        }
        record(proposalId, kind, idempotencyKey, payload);
        return true;
    }

    /** Published inside the recording transaction; the relay hears it after commit. */
    record OutboxRecorded(OutboxKind kind) {
    }
}

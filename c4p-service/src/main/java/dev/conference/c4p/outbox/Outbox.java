package dev.conference.c4p.outbox;

import jakarta.persistence.EntityManager;
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

    private final EntityManager entityManager;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Outbox(EntityManager entityManager, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
        this.entityManager = entityManager;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records a side effect; it is delivered after (and only if) the surrounding transaction commits.
     *
     * @param idempotencyKey unique per side effect; the receiver uses it to ignore repeats
     * @param payload        the request body the receiver gets
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID proposalId, OutboxKind kind, String idempotencyKey, Object payload) {
        entityManager.persist(new OutboxEvent(proposalId, kind, idempotencyKey, json.writeValueAsString(payload),
                clock.instant()));
        // Written now, so that readers in this transaction (SQL, not JPA) see the event.
        entityManager.flush();
        events.publishEvent(new OutboxRecorded(kind));
    }

    /** Published inside the recording transaction; the relay hears it after commit. */
    record OutboxRecorded(OutboxKind kind) {
    }
}

package dev.conference.c4p.outbox;

import java.util.Set;

/** Delivers the outbox events of some kinds to their receiver. */
public interface OutboxHandler {

    Set<OutboxKind> kinds();

    /**
     * Delivers one event of one of its {@link #kinds()}; returns normally only when the receiver accepted it
     * ({@link DeliveryOutcome#DONE}) or answered that it is no longer needed ({@link DeliveryOutcome#skipped}).
     *
     * @throws DeliveryFailure when it did not
     */
    DeliveryOutcome deliver(OutboxKind kind, String idempotencyKey, String payload);
}

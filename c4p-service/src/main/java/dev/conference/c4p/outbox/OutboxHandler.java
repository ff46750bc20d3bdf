package dev.conference.c4p.outbox;

import java.util.Set;

/** Delivers the outbox events of some kinds to their receiver. */
public interface OutboxHandler {

    Set<OutboxKind> kinds();

    /**
     * Delivers one event; returns normally only when the receiver accepted it.
     *
     * @throws DeliveryFailure when it did not
     */
    void deliver(String idempotencyKey, String payload);
}

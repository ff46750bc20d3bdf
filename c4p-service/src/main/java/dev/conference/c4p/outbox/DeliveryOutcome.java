package dev.conference.c4p.outbox;

/**
 * What a receiver made of an event it did not refuse: it performed the side effect (or had already), or it
 * answered that the side effect is no longer needed and did nothing. Either ends the event; only the first
 * is {@link DeliveryStatus#DELIVERED}.
 */
public sealed interface DeliveryOutcome {

    DeliveryOutcome DONE = new Done();

    /** Nothing was done, and nothing is left to do; {@code reason} is what organizers read on the proposal. */
    static DeliveryOutcome skipped(String reason) {
        return new Skipped(reason);
    }

    record Done() implements DeliveryOutcome {
    }

    record Skipped(String reason) implements DeliveryOutcome {
    }
}

package dev.conference.c4p.outbox;

import java.util.Locale;
import java.util.UUID;

/** The side effects a proposal's life causes. */
public enum OutboxKind {
    /** The "we received your proposal" email. */
    RECEIVED_EMAIL,
    /** The approved talk's place on the agenda. */
    AGENDA_ENTRY,
    /** The "approved" or "rejected" email. */
    DECISION_EMAIL,
    /** The removal of a withdrawn talk's place on the agenda (only when it had been approved). */
    AGENDA_REMOVAL,
    /** The "your proposal was withdrawn" email. */
    WITHDRAWAL_EMAIL;

    /**
     * The event's idempotency key for a proposal, {@code proposal:<id>:<kind in kebab case>}: the one key a side
     * effect has, whoever records or requeues it, and what the receivers see in {@code Idempotency-Key}.
     */
    public String keyFor(UUID proposalId) {
        return "proposal:" + proposalId + ":" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether an organizer's decision caused it (rather than the submission or a withdrawal). */
    public boolean followsDecision() {
        return this == AGENDA_ENTRY || this == DECISION_EMAIL;
    }
}

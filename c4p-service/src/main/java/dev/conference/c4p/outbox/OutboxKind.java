package dev.conference.c4p.outbox;

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

    /** Whether an organizer's decision caused it (rather than the submission or a withdrawal). */
    public boolean followsDecision() {
        return this == AGENDA_ENTRY || this == DECISION_EMAIL;
    }
}

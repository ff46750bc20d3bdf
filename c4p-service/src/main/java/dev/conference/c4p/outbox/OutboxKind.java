package dev.conference.c4p.outbox;

/** The side effects a proposal's life causes. */
public enum OutboxKind {
    /** The "we received your proposal" email. */
    RECEIVED_EMAIL,
    /** The approved talk's place on the agenda. */
    AGENDA_ENTRY,
    /** The "approved" or "rejected" email. */
    DECISION_EMAIL;

    /** Whether an organizer's decision caused it (rather than the submission). */
    public boolean followsDecision() {
        return this != RECEIVED_EMAIL;
    }
}

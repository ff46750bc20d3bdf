package dev.conference.c4p.outbox;

public enum DeliveryStatus {
    /** Not delivered yet; the relay will try (again) at its next attempt time. */
    PENDING,
    DELIVERED,
    /** The receiver refused it for good (for example a full agenda); needs an organizer. */
    FAILED,
    /**
     * The receiver answered that it is no longer needed and did nothing (an agenda entry of a proposal withdrawn
     * meanwhile); final, nobody needs to act. {@code lastError} says why.
     */
    SKIPPED
}

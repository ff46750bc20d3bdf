package dev.conference.c4p.outbox;

public enum DeliveryStatus {
    /** Not delivered yet; the relay will try (again) at its next attempt time. */
    PENDING,
    DELIVERED,
    /** The receiver refused it for good (for example a full agenda); needs an organizer. */
    FAILED
}

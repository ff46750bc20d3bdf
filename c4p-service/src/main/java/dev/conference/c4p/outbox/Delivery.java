package dev.conference.c4p.outbox;

import java.time.Instant;

/** The state of one side effect, as organizers see it on a proposal. */
public record Delivery(OutboxKind kind, DeliveryStatus status, int attempts, String lastError,
                       Instant nextAttemptAt, Instant deliveredAt) {
}

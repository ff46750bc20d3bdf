package dev.conference.c4p.outbox;

import java.time.Instant;

/**
 * The state of one side effect, as organizers see it on a proposal: {@code lastError} is the last failure, or why
 * a {@link DeliveryStatus#SKIPPED} event was not needed; {@code deliveredAt} is set only when it was delivered.
 */
public record Delivery(OutboxKind kind, DeliveryStatus status, int attempts, String lastError,
                       Instant nextAttemptAt, Instant deliveredAt) {
}

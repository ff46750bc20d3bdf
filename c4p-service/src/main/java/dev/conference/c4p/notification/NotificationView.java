package dev.conference.c4p.notification;

import dev.conference.c4p.outbox.DeliveryStatus;
import java.time.Instant;
import java.util.UUID;

/** One email the platform sent or is still trying to send. */
public record NotificationView(UUID id, UUID proposalId, EmailMessage.Template template, String to,
                               String proposalTitle, DeliveryStatus status, int attempts, String lastError,
                               Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
}

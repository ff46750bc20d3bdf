package dev.conference.c4p.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A side effect recorded in the same transaction as the change that causes it. */
@Entity
class OutboxEvent {

    @Id
    private UUID id;
    private UUID proposalId;
    @Enumerated(EnumType.STRING)
    private OutboxKind kind;
    private String idempotencyKey;
    @JdbcTypeCode(SqlTypes.JSON)
    private String payload;
    @Enumerated(EnumType.STRING)
    private DeliveryStatus status;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant createdAt;
    private String traceparent;
    private String tracestate;

    protected OutboxEvent() {
    }

    OutboxEvent(UUID proposalId, OutboxKind kind, String idempotencyKey, String payload, Instant now,
                TraceContext trace) {
        this.id = UUID.randomUUID();
        this.proposalId = proposalId;
        this.kind = kind;
        this.idempotencyKey = idempotencyKey;
        this.payload = payload;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.traceparent = trace.traceparent();
        this.tracestate = trace.tracestate();
    }
}

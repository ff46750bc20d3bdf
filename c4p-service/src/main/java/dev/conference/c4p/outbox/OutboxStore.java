package dev.conference.c4p.outbox;

import dev.conference.c4p.history.HistoryType;
import dev.conference.c4p.history.ProposalHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * All SQL on the outbox table, in one place: recording and requeueing side effects (inside the
 * transaction of the change that causes them), the relay's claims and outcomes (each outcome that ends
 * an event also adds it to the proposal's history, in the same statement), the retention purge,
 * and what the back office reads. Statuses: PENDING until a receiver accepted (DELIVERED), refused
 * for good (FAILED) or answered that it is no longer needed (SKIPPED); a requeue puts an event that is
 * not PENDING back to PENDING.
 */
@Component
public class OutboxStore {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcClient jdbc;

    OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING event, due now, in the caller's transaction. */
    void insert(UUID proposalId, OutboxKind kind, String idempotencyKey, String payload, Instant now,
                TraceContext trace) {
        jdbc.sql("""
                        insert into outbox_event (id, proposal_id, kind, idempotency_key, payload, status, attempts,
                            next_attempt_at, created_at, traceparent, tracestate)
                        values (:id, :proposalId, :kind, :key, cast(:payload as jsonb), 'PENDING', 0, :now, :now,
                            :traceparent, :tracestate)
                        """)
                .param("id", UUID.randomUUID())
                .param("proposalId", proposalId)
                .param("kind", kind.name())
                .param("key", idempotencyKey)
                .param("payload", payload)
                .param("now", utc(now))
                .param("traceparent", trace.traceparent())
                .param("tracestate", trace.tracestate())
                .update();
    }

    /**
     * Puts a DELIVERED, FAILED or SKIPPED event back to PENDING, due now, with a fresh attempt count (and the
     * given trace, when there is one); false when there is no such event or it is still PENDING.
     */
    boolean requeue(String idempotencyKey, String reason, TraceContext trace) {
        return jdbc.sql("""
                        update outbox_event set status = 'PENDING', attempts = 0, next_attempt_at = now(),
                            locked_until = null, delivered_at = null, last_error = :reason,
                            traceparent = coalesce(cast(:traceparent as varchar), traceparent),
                            tracestate = case when cast(:traceparent as varchar) is null then tracestate
                                              else cast(:tracestate as varchar) end
                        where idempotency_key = :key and status <> 'PENDING'
                        """)
                .param("key", idempotencyKey)
                .param("reason", reason)
                .param("traceparent", trace.traceparent())
                .param("tracestate", trace.tracestate())
                .update() > 0;
    }

    boolean exists(String idempotencyKey) {
        return jdbc.sql("select exists (select 1 from outbox_event where idempotency_key = :key)")
                .param("key", idempotencyKey).query(Boolean.class).single();
    }

    /**
     * Reserves up to {@code limit} due events of one kind for one relay until {@code leaseEnd}. Rows another relay
     * is claiming right now are skipped, and a reserved row is not due for anyone else until its
     * lease ends, so one event is never delivered by two relays at once.
     */
    List<ClaimedEvent> claimDue(OutboxKind kind, int limit, Instant now, Instant leaseEnd) {
        return jdbc.sql("""
                        update outbox_event e set locked_until = :leaseEnd
                        where e.id in (
                            select id from outbox_event
                            where status = 'PENDING' and kind = :kind and next_attempt_at <= :now
                              and (locked_until is null or locked_until <= :now)
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        returning e.id, e.proposal_id, e.kind, e.idempotency_key, e.payload::text as payload,
                            e.attempts, e.traceparent, e.tracestate,
                            (select p.status from proposal p where p.id = e.proposal_id) as proposal_status
                        """)
                .param("kind", kind.name())
                .param("leaseEnd", utc(leaseEnd))
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, row) -> new ClaimedEvent(rs.getObject("id", UUID.class),
                        rs.getObject("proposal_id", UUID.class), rs.getString("proposal_status"),
                        OutboxKind.valueOf(rs.getString("kind")), rs.getString("idempotency_key"),
                        rs.getString("payload"), rs.getInt("attempts"),
                        new TraceContext(rs.getString("traceparent"), rs.getString("tracestate"))))
                .list();
    }

    /**
     * Marks the event delivered, adds DELIVERED to its proposal's history in the same statement, and returns
     * when the event was created.
     */
    Instant markDelivered(UUID id, Instant now) {
        return jdbc.sql("""
                        with delivered as (
                            update outbox_event set status = 'DELIVERED', attempts = attempts + 1, delivered_at = :now,
                                locked_until = null, last_error = null
                            where id = :id
                            returning proposal_id, kind, created_at, delivered_at),
                        recorded as (
                            insert into proposal_event (proposal_id, type, at, actor, detail)
                            select proposal_id, 'DELIVERED', delivered_at, :by, kind from delivered)
                        select created_at from delivered
                        """)
                .param("by", ProposalHistory.SERVICE)
                .param("id", id).param("now", utc(now))
                .query((rs, row) -> instant(rs, "created_at")).single();
    }

    void markForRetry(UUID id, Instant nextAttemptAt, String error) {
        jdbc.sql("""
                        update outbox_event set attempts = attempts + 1, next_attempt_at = :next,
                            locked_until = null, last_error = :error
                        where id = :id
                        """)
                .param("id", id).param("next", utc(nextAttemptAt)).param("error", truncate(error))
                .update();
    }

    /** Marks the event refused for good and adds FAILED (kind and reason) to its proposal's history, in one statement. */
    void markFailed(UUID id, String error, Instant now) {
        markEnded(id, DeliveryStatus.FAILED, HistoryType.FAILED, error, now);
    }

    /**
     * Marks the event no longer needed (its receiver did nothing) and adds SKIPPED (kind and reason) to its
     * proposal's history, in one statement. The reason is kept as the event's last error, which organizers read.
     */
    void markSkipped(UUID id, String reason, Instant now) {
        markEnded(id, DeliveryStatus.SKIPPED, HistoryType.SKIPPED, reason, now);
    }

    /** Ends the event undelivered, with this status and reason, and adds the entry of this type to the history. */
    private void markEnded(UUID id, DeliveryStatus status, HistoryType type, String reason, Instant now) {
        jdbc.sql("""
                        with ended as (
                            update outbox_event set status = :status, attempts = attempts + 1,
                                locked_until = null, last_error = :reason
                            where id = :id
                            returning proposal_id, kind)
                        insert into proposal_event (proposal_id, type, at, actor, detail)
                        select proposal_id, :type, :now, :by, left(kind || ': ' || :reason, 2000) from ended
                        """)
                .param("id", id).param("status", status.name()).param("type", type.name())
                .param("reason", truncate(reason))
                .param("now", utc(now)).param("by", ProposalHistory.SERVICE).update();
    }

    /**
     * Deletes up to {@code limit} events delivered before {@code cutoff}, oldest first, and returns how many.
     * Rows another replica is deleting right now are skipped, so replicas purging at once share the work.
     */
    int purgeDelivered(Instant cutoff, int limit) {
        return jdbc.sql("""
                        delete from outbox_event
                        where id in (
                            select id from outbox_event
                            where status = 'DELIVERED' and delivered_at < :cutoff
                            order by delivered_at
                            limit :limit
                            for update skip locked)
                          and status = 'DELIVERED'
                        """)
                .param("cutoff", utc(cutoff))
                .param("limit", limit)
                .update();
    }

    long countPending() {
        return jdbc.sql("select count(*) from outbox_event where status = 'PENDING'").query(Long.class).single();
    }

    /** When the oldest pending event was created, or null when none is pending. */
    Instant oldestPendingCreatedAt() {
        return jdbc.sql("select created_at from outbox_event where status = 'PENDING' order by created_at limit 1")
                .query((rs, row) -> instant(rs, "created_at")).optional().orElse(null);
    }

    /** The deliveries of each of the given proposals, oldest first. */
    public Map<UUID, List<Delivery>> deliveriesOf(Collection<UUID> proposalIds) {
        if (proposalIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        select proposal_id, kind, status, attempts, last_error, next_attempt_at, delivered_at
                        from outbox_event where proposal_id in (:ids) order by created_at, kind
                        """)
                .param("ids", proposalIds)
                .query((rs, row) -> Map.entry(rs.getObject("proposal_id", UUID.class), delivery(rs)))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Email events, newest first, optionally of one status. */
    public List<EmailEvent> emailEvents(DeliveryStatus status, int offset, int limit) {
        return jdbc.sql("""
                        select id, proposal_id, kind, payload::text as payload, status, attempts, last_error,
                               next_attempt_at, delivered_at, created_at
                        from outbox_event
                        where kind in ('RECEIVED_EMAIL', 'DECISION_EMAIL', 'WITHDRAWAL_EMAIL')
                          and (cast(:status as varchar) is null or status = cast(:status as varchar))
                        order by created_at desc, id
                        offset :offset limit :limit
                        """)
                .param("status", status == null ? null : status.name())
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, row) -> new EmailEvent(rs.getObject("id", UUID.class),
                        rs.getObject("proposal_id", UUID.class), rs.getString("payload"), delivery(rs),
                        instant(rs, "created_at")))
                .list();
    }

    public long countEmailEvents(DeliveryStatus status) {
        return jdbc.sql("""
                        select count(*) from outbox_event
                        where kind in ('RECEIVED_EMAIL', 'DECISION_EMAIL', 'WITHDRAWAL_EMAIL')
                          and (cast(:status as varchar) is null or status = cast(:status as varchar))
                        """)
                .param("status", status == null ? null : status.name())
                .query(Long.class).single();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        DeliveryStatus status = DeliveryStatus.valueOf(rs.getString("status"));
        return new Delivery(OutboxKind.valueOf(rs.getString("kind")), status, rs.getInt("attempts"),
                rs.getString("last_error"), status == DeliveryStatus.PENDING ? instant(rs, "next_attempt_at") : null,
                instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    /** A claimed event with what its delivery needs: the proposal's status now, and the recording's trace. */
    record ClaimedEvent(UUID id, UUID proposalId, String proposalStatus, OutboxKind kind, String idempotencyKey,
                        String payload, int attempts, TraceContext trace) {
    }

    /** An email side effect with its request body, for the notifications listing. */
    public record EmailEvent(UUID id, UUID proposalId, String payload, Delivery delivery, Instant createdAt) {
    }
}

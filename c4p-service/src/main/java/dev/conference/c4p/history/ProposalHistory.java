package dev.conference.c4p.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each proposal's history, written in the transaction of the change it records. The relay's DELIVERED, FAILED
 * and SKIPPED entries are written by the outbox's own statements (OutboxStore), in the update that marks the event.
 */
@Component
public class ProposalHistory {

    /** Who the history names for what the service does by itself. */
    public static final String SERVICE = "c4p-service";

    private final JdbcClient jdbc;

    ProposalHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID proposalId, HistoryType type, String by, String detail, Instant at) {
        jdbc.sql("""
                        insert into proposal_event (proposal_id, type, at, actor, detail)
                        values (:proposalId, :type, :at, :by, :detail)
                        """)
                .param("proposalId", proposalId)
                .param("type", type.name())
                .param("at", at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .param("by", by)
                .param("detail", detail)
                .update();
    }

    /** The proposal's history, oldest first. */
    public List<HistoryEntry> of(UUID proposalId) {
        return jdbc.sql("""
                        select type, at, actor, detail from proposal_event
                        where proposal_id = :proposalId order by at, id
                        """)
                .param("proposalId", proposalId)
                .query((rs, row) -> new HistoryEntry(HistoryType.valueOf(rs.getString("type")),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("detail")))
                .list();
    }
}

package dev.conference.c4p.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Proposals from before the history get one from their columns and delivered outbox events (migration V7). */
class HistoryMigrationTest {

    private static final TestPostgres.Database database = TestPostgres.newDatabase("c4p_history_migration");

    @Test
    void existingProposalsGetTheHistoryTheirColumnsTell() throws SQLException {
        migrateTo("6");
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                          submitted_at, edited_at, decided_at, decided_by, withdrawn_at)
                    values ('c4900000-0000-4000-8000-000000000001', 'Pending', 'A.', 'Ada', 'ada@example.com',
                            'PENDING', 't1', '2027-01-10T09:00:00Z', '2027-01-10T10:00:00Z', null, null, null),
                           ('c4900000-0000-4000-8000-000000000002', 'Withdrawn', 'A.', 'Grace', 'grace@example.com',
                            'WITHDRAWN', 't2', '2027-01-10T09:00:00Z', null, '2027-01-11T09:00:00Z', 'olivia',
                            '2027-01-12T09:00:00Z');
                    insert into outbox_event (id, proposal_id, kind, idempotency_key, payload, status, next_attempt_at,
                                              created_at, delivered_at)
                    values (gen_random_uuid(), 'c4900000-0000-4000-8000-000000000002', 'AGENDA_ENTRY', 'k1', '{}',
                            'DELIVERED', '2027-01-11T09:00:00Z', '2027-01-11T09:00:00Z', '2027-01-11T09:00:01Z');
                    """);
        }

        migrateTo("7");

        assertThat(history("c4900000-0000-4000-8000-000000000001"))
                .containsExactly("SUBMITTED Ada null", "EDITED Ada null");
        assertThat(history("c4900000-0000-4000-8000-000000000002")).containsExactly("SUBMITTED Grace null",
                "DECIDED olivia APPROVED", "DELIVERED c4p-service AGENDA_ENTRY", "WITHDRAWN Grace null");
    }

    private static void migrateTo(String version) {
        Flyway.configure().dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration").target(version).load().migrate();
    }

    private static List<String> history(String proposalId) throws SQLException {
        List<String> entries = new ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select type, actor, detail from proposal_event where proposal_id = '"
                     + proposalId + "' order by at, id")) {
            while (rows.next()) {
                entries.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return entries;
    }
}

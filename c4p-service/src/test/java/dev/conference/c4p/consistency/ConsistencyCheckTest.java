package dev.conference.c4p.consistency;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.ResponseEntity;

class ConsistencyCheckTest extends C4pIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void approvedTalkMissingFromTheAgendaIsQueuedAgainAndOrphansAreReported() {
        String missing = submit("Lost on the agenda");
        String present = submit("Safely scheduled");
        decide(missing, "APPROVED");
        decide(present, "APPROVED");
        eventually(Duration.ofSeconds(10), () -> agenda.receivedWithKeyContaining(missing).size() == 1
                && agenda.receivedWithKeyContaining(present).size() == 1, "both entries were delivered");
        UUID orphan = UUID.randomUUID();
        agenda.answer(200, """
                [{"id":"%s","proposalId":"%s","title":"Safely scheduled","room":"Main Hall"},
                 {"id":"%s","proposalId":"%s","title":"Nobody approved me"}]
                """.formatted(UUID.randomUUID(), present, orphan, UUID.randomUUID()));

        ResponseEntity<String> report = http.post().uri("/consistency-checks").retrieve().toEntity(String.class);

        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat((List<String>) read(report, "$.missing")).contains(missing).doesNotContain(present);
        assertThat((List<String>) read(report, "$.repaired")).contains(missing);
        assertThat((List<String>) read(report, "$.orphans")).containsExactly(orphan.toString());
        eventually(Duration.ofSeconds(10), () -> agenda.receivedWithKeyContaining(missing).size() == 2,
                "the missing entry was delivered again");
        assertThat(agenda.receivedWithKeyContaining(missing).get(1).idempotencyKey())
                .isEqualTo("proposal:" + missing + ":agenda-entry");
        assertThat(agenda.receivedWithKeyContaining(present)).hasSize(1);
    }

    @Test
    void anAgendaItemOfAWithdrawnProposalGetsItsRemovalQueuedAgainAndItsEntryIsNeverRequeued() {
        String id = submit("Withdrawn but still scheduled");
        decide(id, "APPROVED");
        String token = jdbc.sql("select tracking_token from proposal where id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
        http.post().uri("/proposals/track/{token}/withdrawal", token).retrieve().toBodilessEntity();
        eventually(Duration.ofSeconds(10), () -> agenda.receivedWithKeyContaining(id + ":agenda-removal").size() == 1,
                "the removal was delivered");
        UUID item = UUID.randomUUID();
        agenda.answer(200, """
                [{"id":"%s","proposalId":"%s","title":"Withdrawn but still scheduled"}]
                """.formatted(item, id));

        ResponseEntity<String> report = http.post().uri("/consistency-checks").retrieve().toEntity(String.class);

        assertThat(report.getStatusCode().value()).isEqualTo(200);
        assertThat((List<String>) read(report, "$.orphans")).contains(item.toString());
        assertThat((List<String>) read(report, "$.removing")).containsExactly(item.toString());
        assertThat((List<String>) read(report, "$.missing")).doesNotContain(id);
        eventually(Duration.ofSeconds(10), () -> agenda.receivedWithKeyContaining(id + ":agenda-removal").size() == 2,
                "the removal was delivered again");
        assertThat(agenda.receivedWithKeyContaining(id + ":agenda-removal").get(1).path())
                .isEqualTo("/agenda-items/by-proposal/" + id);
        assertThat(agenda.receivedWithKeyContaining(id + ":agenda-entry")).hasSize(1);
    }

    @Test
    void agendaServiceDownMakesTheCheckFailLoudly() {
        agenda.answer(503, "{}");

        ResponseEntity<String> report = http.post().uri("/consistency-checks").retrieve().toEntity(String.class);

        assertThat(report.getStatusCode().value()).isGreaterThanOrEqualTo(500);
        assertThat(isProblem(report)).isTrue();
    }
}

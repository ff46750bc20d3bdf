package dev.conference.platform.faults;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agenda's Redis keys deleted while it runs: c4p's consistency check (POST /consistency-checks,
 * which a CronJob calls in Kubernetes) queues the missing entries again and the outbox puts the
 * approved talks back.
 */
class AgendaStoreWipedTest extends DecisionFaultTest {

    @Test
    void consistencyCheckRebuildsAWipedAgendaWithExactlyTheApprovedTalks() {
        List<Proposal> proposals = submitProposals(1, "Survives a wipe");
        assertThat(decide(proposals.getFirst().id(), "APPROVED").getStatusCode().value()).isEqualTo(200);
        eventually(Duration.ofSeconds(30), () -> agendaItemIdsFor(proposals.getFirst().id()).size() == 1, "on the agenda");
        int itemsBefore = allAgendaItems();

        long deleted = wipeAgendaKeys();
        assertThat(allAgendaItems()).isZero();

        String report = c4p.post().uri("/consistency-checks").retrieve().body(String.class);
        int approved = JsonPath.read(report, "$.approved");
        List<String> repaired = JsonPath.read(report, "$.repaired");
        // The check queues the missing entries in the outbox; the relay delivers them.
        eventually(Duration.ofSeconds(30), () -> allAgendaItems() == approved, "the agenda rebuilt");
        String again = c4p.post().uri("/consistency-checks").retrieve().body(String.class);

        FaultReport.line("agenda store wiped (%d Redis keys, %d items): the consistency check repaired %d of %d "
                        + "approved talks; a second check finds %s missing, %s orphans",
                deleted, itemsBefore, repaired.size(), approved, JsonPath.read(again, "$.missing.length()"),
                JsonPath.read(again, "$.orphans.length()"));
        assertThat(allAgendaItems()).isEqualTo(approved).isEqualTo(repaired.size());
        assertThat(agendaItemIdsFor(proposals.getFirst().id())).hasSize(1);
        assertThat((List<?>) JsonPath.read(again, "$.missing")).isEmpty();
        assertThat((List<?>) JsonPath.read(again, "$.orphans")).isEmpty();
    }

    private int allAgendaItems() {
        return JsonPath.<List<?>>read(agenda.get().uri("/agenda-items").retrieve().body(String.class), "$[*].id").size();
    }

    /** Deletes agenda-service's keys (its prefix, not the frontend's, which lives under it). */
    private long wipeAgendaKeys() {
        RedisURI uri = RedisURI.create(platform.redis.host(), platform.redis.port());
        if (!platform.redis.password().isEmpty()) {
            uri.setPassword(platform.redis.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(platform.redis.keyPrefix() + "*").stream()
                    .filter(key -> !key.startsWith(platform.frontendKeyPrefix()))
                    .toList();
            return keys.isEmpty() ? 0 : connection.sync().del(keys.toArray(String[]::new));
        } finally {
            client.shutdown();
        }
    }
}

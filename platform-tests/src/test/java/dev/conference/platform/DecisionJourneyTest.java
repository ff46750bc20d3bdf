package dev.conference.platform;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Submit, decide, and what the agenda and the speaker's inbox get: across the real services. */
class DecisionJourneyTest extends PlatformTest {

    @Test
    void approvedProposalGetsAnAgendaItemAndTheSpeakerTwoEmails() throws Exception {
        String speaker = newSpeakerEmail();
        String id = submit("Resilient systems", speaker);

        assertThat(decide(id, "APPROVED").getStatusCode().value()).isEqualTo(200);

        eventually(Duration.ofSeconds(20), () -> agendaItemIdsFor(id).size() == 1, "the talk is on the agenda");
        eventually(Duration.ofSeconds(20), () -> platform.smtp.messagesTo(speaker).size() == 2, "two emails arrived");
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : platform.smtp.messagesTo(speaker)) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).anyMatch(s -> s.contains("received")).anyMatch(s -> s.contains("accepted"));
        String item = agenda.get().uri("/agenda-items/{id}", agendaItemIdsFor(id).getFirst()).retrieve().body(String.class);
        assertThat((String) JsonPath.read(item, "$.title")).isEqualTo("Resilient systems");
        assertThat((String) JsonPath.read(item, "$.speakerName")).isEqualTo("Grace Hopper");
    }

    @Test
    void approvingTwiceConcurrentlyCreatesOneAgendaItemAndOneDecisionEmail() throws Exception {
        String speaker = newSpeakerEmail();
        String id = submit("Idempotency everywhere", speaker);
        List<Callable<Integer>> approvals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            approvals.add(() -> decide(id, "APPROVED").getStatusCode().value());
        }

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(approvals)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }

        // Once every outbox event of the proposal is DELIVERED the relay sends none again: the counts are final.
        eventually(Duration.ofSeconds(20), () -> allDelivered(id), "every side effect delivered");
        assertThat(agendaItemIdsFor(id)).hasSize(1);
        assertThat(platform.smtp.messagesTo(speaker)).hasSize(2);
    }

    @Test
    void concurrentApprovalsBeyondTheGridNeverShareASlotAndTheOverflowIsReported() throws Exception {
        int free = JsonPath.<List<Object>>read(agenda.get().uri("/slots?free=true").retrieve().body(String.class), "$")
                .size();
        int overflow = 10;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < free + overflow; i++) {
            ids.add(submit("Capacity talk " + i, newSpeakerEmail()));
        }
        List<Callable<Integer>> approvals = ids.stream().<Callable<Integer>>map(
                id -> () -> decide(id, "APPROVED").getStatusCode().value()).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> status : pool.invokeAll(approvals)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }

        eventually(Duration.ofSeconds(60), () -> ids.stream().noneMatch(
                id -> "PENDING".equals(deliveryOf(id, "AGENDA_ENTRY", "status"))), "every agenda entry was settled");
        List<String> placed = ids.stream().filter(id -> "DELIVERED".equals(deliveryOf(id, "AGENDA_ENTRY", "status")))
                .toList();
        List<String> refused = ids.stream().filter(id -> "FAILED".equals(deliveryOf(id, "AGENDA_ENTRY", "status")))
                .toList();
        assertThat(placed).hasSize(free);
        assertThat(refused).hasSize(overflow);
        assertThat(refused).allSatisfy(id -> assertThat((String) deliveryOf(id, "AGENDA_ENTRY", "lastError"))
                .contains("Agenda is full"));

        Set<String> slots = new HashSet<>();
        List<String> itemIds = new ArrayList<>();
        for (String id : placed) {
            String item = agenda.get().uri("/agenda-items?proposalId={id}", id).retrieve().body(String.class);
            List<Map<String, Object>> found = JsonPath.read(item, "$");
            assertThat(found).hasSize(1);
            Map<String, Object> entry = found.getFirst();
            assertThat(slots.add(entry.get("day") + " " + entry.get("startTime") + " " + entry.get("room")))
                    .as("slot of %s is not shared", id).isTrue();
            itemIds.add((String) entry.get("id"));
        }
        // Give the grid back to the other tests.
        itemIds.forEach(itemId -> agenda.delete().uri("/agenda-items/{id}", itemId).retrieve().toBodilessEntity());
    }
}

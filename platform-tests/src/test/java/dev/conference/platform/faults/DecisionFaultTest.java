package dev.conference.platform.faults;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.PlatformTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the tests that decide a batch of proposals through a fault: each proposal has a speaker of
 * its own, so that the emails can be counted per proposal. The small grid of the shared platform has
 * 40 slots for all test classes, so only one proposal in {@link #APPROVE_EVERY} is approved.
 */
abstract class DecisionFaultTest extends PlatformTest {

    static final int APPROVE_EVERY = 6;

    record Proposal(String id, String speaker, String decision) {

        boolean approved() {
            return "APPROVED".equals(decision);
        }

        DecisionBurst.Decision asDecision() {
            return new DecisionBurst.Decision(id, decision);
        }
    }

    /** What the side effects of a batch came to once everything settled. */
    record Outcome(int proposals, int approved, int lost, int duplicated) {
    }

    List<Proposal> submitProposals(int count, String title) {
        List<Proposal> proposals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String speaker = newSpeakerEmail();
            proposals.add(new Proposal(submit(title + " " + i, speaker), speaker,
                    i % APPROVE_EVERY == 0 ? "APPROVED" : "REJECTED"));
        }
        return proposals;
    }

    /**
     * Waits until every delivery of every proposal is DELIVERED, then counts: each proposal decided as
     * asked, each approved one exactly once on the agenda, {@code emailsPerSpeaker} emails for each.
     */
    Outcome settle(List<Proposal> proposals, int emailsPerSpeaker) {
        eventually(Duration.ofSeconds(60), () -> proposals.stream().allMatch(this::allDelivered), "every delivery done");
        int lost = 0;
        int duplicated = 0;
        for (Proposal proposal : proposals) {
            String view = c4p.get().uri("/proposals/{id}", proposal.id()).retrieve().body(String.class);
            assertThat((String) JsonPath.read(view, "$.status")).as(proposal.id()).isEqualTo(proposal.decision());
            int onAgenda = agendaItemIdsFor(proposal.id()).size();
            int expectedOnAgenda = proposal.approved() ? 1 : 0;
            int emails = platform.smtp.messagesTo(proposal.speaker()).size();
            lost += Math.max(0, expectedOnAgenda - onAgenda) + Math.max(0, emailsPerSpeaker - emails);
            duplicated += Math.max(0, onAgenda - expectedOnAgenda) + Math.max(0, emails - emailsPerSpeaker);
        }
        return new Outcome(proposals.size(), (int) proposals.stream().filter(Proposal::approved).count(), lost, duplicated);
    }

    private boolean allDelivered(Proposal proposal) {
        String view = c4p.get().uri("/proposals/{id}", proposal.id()).retrieve().body(String.class);
        List<String> statuses = JsonPath.read(view, "$.deliveries[*].status");
        int expected = proposal.approved() ? 3 : 2;
        return statuses.size() == expected && statuses.stream().allMatch("DELIVERED"::equals);
    }
}

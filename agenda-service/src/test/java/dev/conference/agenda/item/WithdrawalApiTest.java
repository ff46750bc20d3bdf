package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Withdrawn proposals over HTTP against a real Redis: removed with their slots, and kept off the agenda. */
class WithdrawalApiTest extends AgendaServiceTest {

    @Autowired
    StringRedisTemplate redis;

    private final List<String> withdrawn = new ArrayList<>();

    @AfterEach
    void forgetTheWithdrawals() {
        if (!withdrawn.isEmpty()) {
            redis.opsForSet().remove(REDIS.keyPrefix() + "withdrawn", withdrawn.toArray());
        }
    }

    @Test
    void removingAProposalsWorkshopDeletesItAndFreesBothSlots() {
        String proposalId = UUID.randomUUID().toString();
        String item = api.createItem(Map.of("proposalId", proposalId, "title", "Gone", "abstract", "Was here.",
                "speakerName", "Ada", "format", "WORKSHOP")).json().get("id").asString();
        String version = redis.opsForValue().get(REDIS.keyPrefix() + "version");

        Response removed = withdraw(proposalId);

        assertThat(removed.status()).isEqualTo(204);
        assertThat(removed.body()).isEmpty();
        assertThat(api.get("/agenda-items/" + item).status()).isEqualTo(404);
        assertThat(api.get("/agenda-items").json()).isEmpty();
        assertThat(api.get("/agenda-items?proposalId=" + proposalId).json()).isEmpty();
        assertThat(api.get("/slots?free=true").json()).hasSize(54);
        assertThat(redis.<String, String>opsForHash().entries(REDIS.keyPrefix() + "slots")).isEmpty();
        assertThat(redis.opsForValue().get(REDIS.keyPrefix() + "version")).isNotEqualTo(version);
    }

    @Test
    void removingIsIdempotentAndAnswers204ForAProposalWithoutAnItem() {
        String proposalId = UUID.randomUUID().toString();
        api.createItem(proposalId, "Removed twice");

        assertThat(withdraw(proposalId).status()).isEqualTo(204);
        assertThat(withdraw(proposalId).status()).isEqualTo(204);
        assertThat(withdraw(UUID.randomUUID().toString()).status()).isEqualTo(204);
        assertThat(api.get("/agenda-items").json()).isEmpty();
    }

    @Test
    void creatingForARemovedProposalAnswers410AndPlacesNothing() {
        String proposalId = UUID.randomUUID().toString();
        api.createItem(proposalId, "Approved, then withdrawn");
        withdraw(proposalId);

        Response late = api.createItem(proposalId, "Delivered again");

        assertThat(late.status()).isEqualTo(410);
        assertThat(late.isProblem()).isTrue();
        assertThat(late.json().get("title").asString()).isEqualTo("Proposal withdrawn");
        assertThat(late.json().get("code").asString()).isEqualTo("PROPOSAL_WITHDRAWN");
        assertThat(late.json().get("detail").asString()).contains(proposalId);
        assertThat(api.get("/agenda-items").json()).isEmpty();
        assertThat(api.get("/slots?free=true").json()).hasSize(54);
    }

    @Test
    void aRemovalArrivingBeforeTheEntryStillKeepsTheProposalOff() {
        String proposalId = UUID.randomUUID().toString();
        withdraw(proposalId);

        Response entry = api.createItem(proposalId, "Overtaken by its removal");

        assertThat(entry.status()).isEqualTo(410);
        assertThat(api.get("/agenda-items").json()).isEmpty();
    }

    @Test
    void removingOneProposalLeavesTheOthers() {
        String kept = api.createItem(UUID.randomUUID().toString(), "Kept").json().get("id").asString();
        String proposalId = UUID.randomUUID().toString();
        api.createItem(proposalId, "Removed");

        withdraw(proposalId);

        assertThat(api.get("/agenda-items").json().findValuesAsString("id")).containsExactly(kept);
        assertThat(api.createItem(UUID.randomUUID().toString(), "Takes the freed slot").json().get("room").asString())
                .isEqualTo("Room A");
    }

    @Test
    void aProposalIdThatIsNoUuidIs400() {
        Response refused = api.delete("/agenda-items/by-proposal/not-a-uuid");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
    }

    private Response withdraw(String proposalId) {
        withdrawn.add(proposalId);
        return api.delete("/agenda-items/by-proposal/" + proposalId);
    }
}

package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.AgendaServiceTest;
import dev.conference.agenda.HttpApi;
import dev.conference.agenda.HttpApi.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Items Redis kept from before sessions had a format: no format, level, bio, nor list of claimed slots. */
class StoredItemsTest extends AgendaServiceTest {

    private final String id = UUID.randomUUID().toString();
    private final String proposalId = UUID.randomUUID().toString();

    @Autowired
    StringRedisTemplate redis;

    @AfterEach
    void deleteTheOldItem() {
        redis.opsForHash().delete(REDIS.keyPrefix() + "items", id);
        redis.opsForHash().delete(REDIS.keyPrefix() + "proposals", proposalId);
        redis.opsForHash().delete(REDIS.keyPrefix() + "slots", "2027-05-12|09:00|Main Hall", "2027-05-13|11:00|Room B");
    }

    private void storeAnItemOfTheOldShape() {
        redis.opsForHash().put(REDIS.keyPrefix() + "items", id, """
                {"id":"%s","proposalId":"%s","title":"Old","abstract":"From before.","speakerName":"Ada",\
                "day":"2027-05-12","startTime":"09:00","endTime":"09:45","room":"Main Hall"}""".formatted(id, proposalId));
        redis.opsForHash().put(REDIS.keyPrefix() + "slots", "2027-05-12|09:00|Main Hall", id);
        redis.opsForHash().put(REDIS.keyPrefix() + "proposals", proposalId, id);
        redis.opsForValue().set(REDIS.keyPrefix() + "version", UUID.randomUUID().toString());
    }

    @Test
    void anOldItemReadsAsATalkWithoutLevelOrBio() {
        storeAnItemOfTheOldShape();

        JsonNode item = api.get("/agenda-items/" + id).json();

        assertThat(item.get("format").asString()).isEqualTo("TALK");
        assertThat(item.get("level").isNull()).isTrue();
        assertThat(item.get("speakerBio").isNull()).isTrue();
        assertThat(api.get("/agenda-items").json().get(0)).isEqualTo(item);
        assertThat(api.get("/agenda-items.ics").body()).contains("CATEGORIES:TALK\r\n");
    }

    @Test
    void anOldItemMovesAndItsSlotIsFreed() {
        storeAnItemOfTheOldShape();

        Response moved = api.send("PUT", "/agenda-items/" + id + "/slot", "application/json",
                HttpApi.json(Map.of("day", "2027-05-13", "startTime", "11:00", "room", "Room B")));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("format").asString()).isEqualTo("TALK");
        assertThat(redis.<String, String>opsForHash().entries(REDIS.keyPrefix() + "slots"))
                .containsExactly(Map.entry("2027-05-13|11:00|Room B", id));
    }

    @Test
    void anOldItemIsDeletedWithItsSlot() {
        storeAnItemOfTheOldShape();

        assertThat(api.delete("/agenda-items/" + id).status()).isEqualTo(204);

        assertThat(redis.<String, String>opsForHash().entries(REDIS.keyPrefix() + "slots")).isEmpty();
    }

    @Test
    void anOldItemIsRemovedWithItsWithdrawnProposal() {
        storeAnItemOfTheOldShape();

        assertThat(api.delete("/agenda-items/by-proposal/" + proposalId).status()).isEqualTo(204);

        assertThat(redis.<String, String>opsForHash().entries(REDIS.keyPrefix() + "slots")).isEmpty();
        assertThat(api.get("/agenda-items/" + id).status()).isEqualTo(404);
        redis.opsForSet().remove(REDIS.keyPrefix() + "withdrawn", proposalId);
    }
}

package dev.conference.agenda.item;

import dev.conference.agenda.config.AgendaProperties;
import dev.conference.agenda.grid.GridSlot;
import dev.conference.agenda.grid.TimeSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agenda items in Redis, under the configured key prefix, in three hashes: the items as JSON by
 * id, the claimed slots ({@code day|startTime|room} to item id) and the proposals (proposal id to
 * item id). Every change touching more than one hash runs as one Lua script, so it is atomic.
 * Every change also sets {@code <prefix>version} to a new random token, in the same script, so a
 * replica can tell with one GET whether its serialized copy of the agenda is still current.
 */
@Repository
public class AgendaItemStore {

    private static final RedisScript<List<String>> CREATE = listScript("scripts/create-agenda-item.lua");
    private static final RedisScript<List<String>> MOVE = listScript("scripts/move-agenda-item.lua");
    private static final RedisScript<Long> DELETE = RedisScript.of(new ClassPathResource("scripts/delete-agenda-item.lua"),
            Long.class);

    private final StringRedisTemplate redis;
    private final HashOperations<String, String, String> hashes;
    private final JsonMapper json;
    private final String itemsKey;
    private final String slotsKey;
    private final String proposalsKey;
    private final String versionKey;

    public AgendaItemStore(StringRedisTemplate redis, JsonMapper json, AgendaProperties properties) {
        this.redis = redis;
        this.hashes = redis.opsForHash();
        this.json = json;
        this.itemsKey = properties.keyPrefix() + "items";
        this.slotsKey = properties.keyPrefix() + "slots";
        this.proposalsKey = properties.keyPrefix() + "proposals";
        this.versionKey = properties.keyPrefix() + "version";
    }

    public sealed interface Creation {
        record Created(AgendaItem item) implements Creation {
        }

        record AlreadyThere(AgendaItem item) implements Creation {
        }

        record NoFreeSlot() implements Creation {
        }
    }

    public sealed interface Move {
        record Moved(AgendaItem item) implements Move {
        }

        record SlotTaken() implements Move {
        }

        record NoSuchItem() implements Move {
        }
    }

    /** Places the talk in the first of {@code slots} that is free, unless its proposal already has an item. */
    public Creation create(UUID id, CreateAgendaItem talk, List<GridSlot> slots) {
        List<String> args = new ArrayList<>(6 + 4 * slots.size());
        args.addAll(List.of(id.toString(), talk.proposalId().toString(), talk.title(), talk.abstractText(),
                talk.speakerName(), newVersion()));
        for (GridSlot slot : slots) {
            args.addAll(slotArgs(slot));
        }
        List<String> reply = redis.execute(CREATE, List.of(itemsKey, slotsKey, proposalsKey, versionKey), args.toArray());
        return switch (reply.getFirst()) {
            case "CREATED" -> new Creation.Created(parse(reply.get(1)));
            case "EXISTING" -> new Creation.AlreadyThere(parse(reply.get(1)));
            case "FULL" -> new Creation.NoFreeSlot();
            default -> throw new IllegalStateException("Unexpected reply from the create script: " + reply);
        };
    }

    public Move move(UUID id, GridSlot target) {
        List<String> args = new ArrayList<>(6);
        args.add(id.toString());
        args.addAll(slotArgs(target));
        args.add(newVersion());
        List<String> reply = redis.execute(MOVE, List.of(itemsKey, slotsKey, versionKey), args.toArray());
        return switch (reply.getFirst()) {
            case "MOVED" -> new Move.Moved(parse(reply.get(1)));
            case "TAKEN" -> new Move.SlotTaken();
            case "NOT_FOUND" -> new Move.NoSuchItem();
            default -> throw new IllegalStateException("Unexpected reply from the move script: " + reply);
        };
    }

    /** Deletes the item and frees its slot and proposal; false when there was no such item. */
    public boolean delete(UUID id) {
        return redis.execute(DELETE, List.of(itemsKey, slotsKey, proposalsKey, versionKey), id.toString(),
                newVersion()) == 1L;
    }

    public Optional<AgendaItem> find(UUID id) {
        return Optional.ofNullable(hashes.get(itemsKey, id.toString())).map(this::parse);
    }

    public Optional<AgendaItem> findByProposal(UUID proposalId) {
        return Optional.ofNullable(hashes.get(proposalsKey, proposalId.toString()))
                .flatMap(id -> Optional.ofNullable(hashes.get(itemsKey, id)))
                .map(this::parse);
    }

    /** Every item, in no particular order. */
    public List<AgendaItem> findAll() {
        return hashes.values(itemsKey).stream().map(this::parse).toList();
    }

    /**
     * The token the last change set, or null when no change was made through the scripts since the
     * keys were created (or deleted).
     */
    public String version() {
        return redis.opsForValue().get(versionKey);
    }

    public long count() {
        return hashes.size(itemsKey);
    }

    /** The hash of the items, for scripts of other features that must check an item atomically. */
    public String itemsKey() {
        return itemsKey;
    }

    private AgendaItem parse(String itemJson) {
        return json.readValue(itemJson, AgendaItem.class);
    }

    /** Random, not a counter: a counter starts again at 1 when the keys are deleted, and old copies would match. */
    private static String newVersion() {
        return UUID.randomUUID().toString();
    }

    private static List<String> slotArgs(GridSlot slot) {
        return List.of(slot.day().toString(), TimeSlot.format(slot.startTime()), TimeSlot.format(slot.endTime()),
                slot.room());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<String>> listScript(String path) {
        return (RedisScript) RedisScript.of(new ClassPathResource(path), List.class);
    }
}

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
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ReactiveValueOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agenda items in Redis, under the configured key prefix, in three hashes: the items as JSON by
 * id, the claimed slots ({@code day|startTime|room} to item id; a workshop claims two) and the
 * proposals (proposal id to item id); and a set of the withdrawn proposals. Every change touching
 * more than one key runs as one Lua script, so it is atomic.
 * Every change also sets {@code <prefix>version} to a new random token, in the same script, so a
 * replica can tell with one GET whether its serialized copy of the agenda is still current.
 */
@Repository
public class AgendaItemStore {

    private static final RedisScript<List<String>> CREATE = listScript("scripts/create-agenda-item.lua");
    private static final RedisScript<List<String>> MOVE = listScript("scripts/move-agenda-item.lua");
    private static final RedisScript<Long> DELETE = RedisScript.of(new ClassPathResource("scripts/delete-agenda-item.lua"),
            Long.class);
    private static final RedisScript<Long> REMOVE_PROPOSAL = RedisScript.of(
            new ClassPathResource("scripts/remove-proposal-item.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final HashOperations<String, String, String> hashes;
    private final JsonMapper json;
    private final String itemsKey;
    private final String slotsKey;
    private final String proposalsKey;
    private final String versionKey;
    private final String withdrawnKey;
    private final VersionReads versionReads;

    public AgendaItemStore(StringRedisTemplate redis, ReactiveStringRedisTemplate reactive, JsonMapper json,
            AgendaProperties properties) {
        this.redis = redis;
        this.hashes = redis.opsForHash();
        this.json = json;
        this.itemsKey = properties.keyPrefix() + "items";
        this.slotsKey = properties.keyPrefix() + "slots";
        this.proposalsKey = properties.keyPrefix() + "proposals";
        this.versionKey = properties.keyPrefix() + "version";
        this.withdrawnKey = properties.keyPrefix() + "withdrawn";
        ReactiveValueOperations<String, String> values = reactive.opsForValue();
        this.versionReads = new VersionReads(() -> values.get(versionKey).toFuture());
    }

    public sealed interface Creation {
        record Created(AgendaItem item) implements Creation {
        }

        record AlreadyThere(AgendaItem item) implements Creation {
        }

        record NoFreeSlot() implements Creation {
        }

        record ProposalWithdrawn() implements Creation {
        }
    }

    public sealed interface Move {
        record Moved(AgendaItem item) implements Move {
        }

        /** @param slot the target slot another item holds */
        record SlotTaken(GridSlot slot) implements Move {
        }

        record NoSuchItem() implements Move {
        }
    }

    /**
     * Places the session on the first of {@code places} whose slots are all free (each place a run of
     * {@code session.format().slots()} consecutive slots of one room), unless its proposal already has
     * an item or was withdrawn.
     */
    public Creation create(UUID id, CreateAgendaItem session, List<List<GridSlot>> places) {
        int length = session.format().slots();
        List<String> args = new ArrayList<>(10 + (2 + 2 * length) * places.size());
        args.addAll(List.of(id.toString(), session.proposalId().toString(), session.title(), session.abstractText(),
                session.speakerName(), session.format().name(),
                session.level() == null ? "" : session.level().name(),
                session.speakerBio() == null ? "" : session.speakerBio(),
                newVersion(), Integer.toString(length)));
        for (List<GridSlot> place : places) {
            if (place.size() != length) {
                throw new IllegalArgumentException("A " + session.format() + " takes " + length + " slots, not " + place);
            }
            args.addAll(placeArgs(place));
        }
        List<String> reply = redis.execute(CREATE,
                List.of(itemsKey, slotsKey, proposalsKey, versionKey, withdrawnKey), args.toArray());
        return switch (reply.getFirst()) {
            case "CREATED" -> new Creation.Created(parse(reply.get(1)));
            case "EXISTING" -> new Creation.AlreadyThere(parse(reply.get(1)));
            case "FULL" -> new Creation.NoFreeSlot();
            case "WITHDRAWN" -> new Creation.ProposalWithdrawn();
            default -> throw new IllegalStateException("Unexpected reply from the create script: " + reply);
        };
    }

    /** Moves the item as a whole to {@code targets}, consecutive slots of one room and day, as many as it takes. */
    public Move move(UUID id, List<GridSlot> targets) {
        List<String> args = new ArrayList<>(placeArgs(targets));
        args.add(0, id.toString());
        args.add(3, newVersion());
        List<String> reply = redis.execute(MOVE, List.of(itemsKey, slotsKey, versionKey), args.toArray());
        return switch (reply.getFirst()) {
            case "MOVED" -> new Move.Moved(parse(reply.get(1)));
            case "TAKEN" -> new Move.SlotTaken(targets.get(Integer.parseInt(reply.get(1)) - 1));
            case "NOT_FOUND" -> new Move.NoSuchItem();
            default -> throw new IllegalStateException("Unexpected reply from the move script: " + reply);
        };
    }

    /** Deletes the item and frees its slots and proposal; false when there was no such item. */
    public boolean delete(UUID id) {
        return redis.execute(DELETE, List.of(itemsKey, slotsKey, proposalsKey, versionKey), id.toString(),
                newVersion()) == 1L;
    }

    /**
     * Deletes the proposal's item, if it has one, and remembers the proposal as withdrawn so it is never
     * placed again; true when an item was deleted.
     */
    public boolean removeWithdrawn(UUID proposalId) {
        return redis.execute(REMOVE_PROPOSAL, List.of(itemsKey, slotsKey, proposalsKey, withdrawnKey, versionKey),
                proposalId.toString(), newVersion()) == 1L;
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
     * keys were created (or deleted). Read by a GET sent after the call, which reads arriving together share
     * ({@link VersionReads}).
     */
    public String version() {
        return versionReads.read();
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

    /** Day and room, then start and end of each slot: the scripts' form of a place. */
    private static List<String> placeArgs(List<GridSlot> place) {
        List<String> args = new ArrayList<>(2 + 2 * place.size());
        args.add(place.getFirst().day().toString());
        args.add(place.getFirst().room());
        for (GridSlot slot : place) {
            args.add(TimeSlot.format(slot.startTime()));
            args.add(TimeSlot.format(slot.endTime()));
        }
        return args;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<String>> listScript(String path) {
        return (RedisScript) RedisScript.of(new ClassPathResource(path), List.class);
    }
}

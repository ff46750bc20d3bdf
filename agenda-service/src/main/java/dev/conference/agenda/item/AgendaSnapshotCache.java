package dev.conference.agenda.item;

import dev.conference.agenda.grid.AgendaGrid;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agenda read from Redis and serialized once per change, not on every read. A read costs one
 * GET of the store's version token, which every change sets in the same script as the change, on
 * whichever replica made it; only when the token differs from the copy's is the agenda read and
 * serialized again, by one thread while the others wait for it. So no replica answers from a copy
 * older than the last change Redis has (docs/decisions/0009-agenda-serialized-once-per-change.md).
 */
@Component
public class AgendaSnapshotCache {

    private final AgendaItemStore store;
    private final AgendaGrid grid;
    private final JsonMapper json;
    private final Comparator<AgendaItem> gridOrder;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile AgendaSnapshot copy;

    public AgendaSnapshotCache(AgendaItemStore store, AgendaGrid grid, JsonMapper json) {
        this.store = store;
        this.grid = grid;
        this.json = json;
        this.gridOrder = grid.<AgendaItem>placementOrder(AgendaItem::day, AgendaItem::startTime, AgendaItem::room)
                .thenComparing(AgendaItem::id);
    }

    /** The agenda as Redis has it now. */
    public AgendaSnapshot current() {
        String version = store.version();
        if (version == null) {
            // No change through the scripts since the keys were made: nothing to tell a copy's age by.
            return read(null);
        }
        AgendaSnapshot known = copy;
        if (known != null && version.equals(known.version())) {
            return known;
        }
        rebuilding.lock();
        try {
            known = copy;
            if (known != null && version.equals(known.version())) {
                return known;
            }
            AgendaSnapshot fresh = read(version);
            copy = fresh;
            return fresh;
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Reads the items after the version was read: a change in between gives newer items under the
     * older token, which only costs another read at the next request, never a stale answer.
     */
    private AgendaSnapshot read(String version) {
        List<AgendaItem> items = store.findAll().stream().sorted(gridOrder).toList();
        Map<LocalDate, List<AgendaItem>> byDay = new HashMap<>();
        for (LocalDate day : grid.days()) {
            byDay.put(day, new ArrayList<>());
        }
        for (AgendaItem item : items) {
            List<AgendaItem> ofDay = byDay.get(item.day());
            if (ofDay != null) {
                ofDay.add(item);
            }
        }
        Map<LocalDate, Representation> jsonByDay = new HashMap<>();
        byDay.forEach((day, ofDay) -> jsonByDay.put(day, serialize(ofDay)));
        return new AgendaSnapshot(version, items, serialize(items), Map.copyOf(jsonByDay));
    }

    private Representation serialize(List<AgendaItem> items) {
        return Representation.of(json.writeValueAsBytes(items));
    }
}

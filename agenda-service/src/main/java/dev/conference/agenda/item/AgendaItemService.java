package dev.conference.agenda.item;

import dev.conference.agenda.grid.AgendaGrid;
import dev.conference.agenda.grid.GridSlot;
import dev.conference.agenda.item.AgendaItemStore.Creation;
import dev.conference.agenda.item.AgendaItemStore.Move;
import dev.conference.support.web.FieldError;
import dev.conference.support.web.ProblemHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The agenda's rules: sessions fill the grid in order, one per proposal, never two in one slot; a
 * workshop takes two consecutive slots of one room; a withdrawn proposal stays off the agenda.
 */
@Service
public class AgendaItemService {

    private static final Logger log = LoggerFactory.getLogger(AgendaItemService.class);

    private final AgendaItemStore store;
    private final AgendaSnapshotCache snapshots;
    private final AgendaGrid grid;
    private final Counter created;

    public AgendaItemService(AgendaItemStore store, AgendaSnapshotCache snapshots, AgendaGrid grid,
            MeterRegistry meters) {
        this.store = store;
        this.snapshots = snapshots;
        this.grid = grid;
        // not "agenda.items.created": Prometheus reserves the _created suffix and would drop it
        this.created = Counter.builder("agenda.items.placed")
                .description("Talks put on the agenda since the service started")
                .register(meters);
        Gauge.builder("agenda.items", store, AgendaItemStore::count)
                .description("Talks currently on the agenda")
                .register(meters);
    }

    public record Placement(AgendaItem item, boolean created) {
    }

    /**
     * Puts a talk in the first free slot, a workshop in the first two consecutive free slots of one
     * room; a proposal already on the agenda keeps its item, a withdrawn one is refused.
     */
    public Placement create(CreateAgendaItem session) {
        Format format = session.format();
        return switch (store.create(UUID.randomUUID(), session, grid.runs(format.slots()))) {
            case Creation.Created(AgendaItem item) -> {
                created.increment();
                log.info("Agenda entry placed for proposal {}: {} {} on {} at {} in {}", item.proposalId(),
                        item.format().label().toLowerCase(Locale.ROOT), item.id(), item.day(),
                        item.startTime(), item.room());
                yield new Placement(item, true);
            }
            case Creation.AlreadyThere(AgendaItem item) -> new Placement(item, false);
            case Creation.NoFreeSlot() -> throw format == Format.WORKSHOP
                    ? AgendaFullException.forWorkshop()
                    : AgendaFullException.forTalk(grid.capacity());
            case Creation.ProposalWithdrawn() -> throw new ProposalWithdrawnException(session.proposalId());
        };
    }

    /** Takes a withdrawn proposal's item off the agenda, if it is there, and keeps the proposal off for good. */
    public void removeWithdrawn(UUID proposalId) {
        if (store.removeWithdrawn(proposalId)) {
            log.info("Agenda entry of withdrawn proposal {} removed", proposalId);
        }
    }

    /**
     * The agenda in grid order, optionally only one day or one proposal's item; a day outside the
     * grid has no agenda (404).
     */
    public List<AgendaItem> list(LocalDate day, UUID proposalId) {
        requireConferenceDay(day);
        List<AgendaItem> items = proposalId != null
                ? store.findByProposal(proposalId).stream().toList()
                : snapshots.current().items();
        return items.stream()
                .filter(item -> day == null || item.day().equals(day))
                .toList();
    }

    /** The JSON of {@link #list list(day, null)}, serialized once per change of the agenda. */
    public Representation listJson(LocalDate day) {
        requireConferenceDay(day);
        AgendaSnapshot snapshot = snapshots.current();
        return day == null ? snapshot.json() : snapshot.jsonByDay().get(day);
    }

    private void requireConferenceDay(LocalDate day) {
        if (day != null && !grid.hasDay(day)) {
            throw new NoSuchDayException(day, grid.days());
        }
    }

    public AgendaItem get(UUID id) {
        return store.find(id).orElseThrow(() -> new AgendaItemNotFoundException(id));
    }

    public AgendaItem move(UUID id, MoveAgendaItem target) {
        GridSlot first = grid.find(target.day(), target.startTime(), target.room())
                .orElseThrow(() -> outsideGrid(target));
        // the format never changes, so the slots it needs can be read before the atomic move
        List<GridSlot> place = grid.runFrom(first, get(id).format().slots())
                .orElseThrow(() -> SlotTakenException.noSlotAfter(first));
        return switch (store.move(id, place)) {
            case Move.Moved(AgendaItem item) -> item;
            case Move.SlotTaken(GridSlot taken) -> throw new SlotTakenException(taken);
            case Move.NoSuchItem() -> throw new AgendaItemNotFoundException(id);
        };
    }

    public void delete(UUID id) {
        if (!store.delete(id)) {
            throw new AgendaItemNotFoundException(id);
        }
    }

    private ErrorResponseException outsideGrid(MoveAgendaItem target) {
        List<FieldError> errors = new ArrayList<>();
        if (!grid.hasDay(target.day())) {
            errors.add(new FieldError("day", "is not a day of the agenda, which has " + grid.days()));
        }
        if (!grid.hasSlotStartingAt(target.startTime())) {
            errors.add(new FieldError("startTime", "is not the start of a time slot of the agenda"));
        }
        if (!grid.hasRoom(target.room())) {
            errors.add(new FieldError("room", "is not a room of the agenda, which has " + grid.rooms()));
        }
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemHandler.invalid(errors), null);
    }
}

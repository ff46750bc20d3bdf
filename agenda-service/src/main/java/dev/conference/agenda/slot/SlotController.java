package dev.conference.agenda.slot;

import dev.conference.agenda.grid.AgendaGrid;
import dev.conference.agenda.grid.GridSlot;
import dev.conference.agenda.grid.TimeSlot;
import dev.conference.agenda.item.AgendaItem;
import dev.conference.agenda.item.AgendaItemService;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The grid with its occupancy, so the back office can offer free slots to move a talk to. */
@RestController
class SlotController {

    private final AgendaGrid grid;
    private final AgendaItemService agenda;

    SlotController(AgendaGrid grid, AgendaItemService agenda) {
        this.grid = grid;
        this.agenda = agenda;
    }

    private record DayAndRoom(LocalDate day, String room) {
    }

    /** A slot is an item's when it falls within the item's time: a workshop holds two. */
    @GetMapping(path = "/slots", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SlotView> slots(@RequestParam(defaultValue = "false") boolean free) {
        Map<DayAndRoom, List<AgendaItem>> placed = agenda.list(null, null).stream()
                .collect(Collectors.groupingBy(item -> new DayAndRoom(item.day(), item.room())));
        return grid.slots().stream()
                .map(slot -> new SlotView(slot.day(), slot.startTime(), slot.endTime(), slot.room(),
                        holder(placed.getOrDefault(new DayAndRoom(slot.day(), slot.room()), List.of()), slot)))
                .filter(view -> !free || view.itemId() == null)
                .toList();
    }

    private static UUID holder(List<AgendaItem> itemsOfTheRoom, GridSlot slot) {
        return itemsOfTheRoom.stream()
                .filter(item -> slot.time().overlaps(new TimeSlot(item.startTime(), item.endTime())))
                .map(AgendaItem::id)
                .findFirst().orElse(null);
    }
}

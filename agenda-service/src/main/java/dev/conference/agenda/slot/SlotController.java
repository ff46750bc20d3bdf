package dev.conference.agenda.slot;

import dev.conference.agenda.grid.AgendaGrid;
import dev.conference.agenda.item.AgendaItem;
import dev.conference.agenda.item.AgendaItemService;
import java.time.LocalDate;
import java.time.LocalTime;
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

    private record Place(LocalDate day, LocalTime startTime, String room) {
    }

    @GetMapping(path = "/slots", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SlotView> slots(@RequestParam(defaultValue = "false") boolean free) {
        Map<Place, UUID> occupied = agenda.list(null, null).stream()
                .collect(Collectors.toMap(item -> new Place(item.day(), item.startTime(), item.room()), AgendaItem::id,
                        (first, second) -> first));
        return grid.slots().stream()
                .map(slot -> new SlotView(slot.day(), slot.startTime(), slot.endTime(), slot.room(),
                        occupied.get(new Place(slot.day(), slot.startTime(), slot.room()))))
                .filter(view -> !free || view.itemId() == null)
                .toList();
    }
}

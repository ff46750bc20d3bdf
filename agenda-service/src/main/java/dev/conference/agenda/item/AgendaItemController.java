package dev.conference.agenda.item;

import dev.conference.agenda.item.AgendaItemService.Placement;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/agenda-items", produces = MediaType.APPLICATION_JSON_VALUE)
class AgendaItemController {

    private final AgendaItemService agenda;

    AgendaItemController(AgendaItemService agenda) {
        this.agenda = agenda;
    }

    /**
     * Idempotent by proposal: a second call for the same proposal answers 200 with the existing
     * item. An {@code Idempotency-Key} header is accepted but not needed.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AgendaItem> create(@Valid @RequestBody CreateAgendaItem talk) {
        Placement placement = agenda.create(talk);
        if (!placement.created()) {
            return ResponseEntity.ok(placement.item());
        }
        return ResponseEntity.created(URI.create("/agenda-items/" + placement.item().id())).body(placement.item());
    }

    /**
     * The agenda and each day's part answer bytes serialized once per change, with their ETag. Most of
     * these reads {@link AgendaReadFilter} answers before they get here; one whose read failed there
     * arrives with the failure, which is thrown as if this read had failed.
     */
    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) UUID proposalId,
            @RequestAttribute(name = AgendaReadFilter.FAILED_READ, required = false) RuntimeException failedRead) {
        if (failedRead != null) {
            throw failedRead;
        }
        if (proposalId != null) {
            return ResponseEntity.ok(agenda.list(day, proposalId));
        }
        Representation json = agenda.listJson(day);
        return ResponseEntity.ok().eTag(json.etag()).contentType(MediaType.APPLICATION_JSON).body(json.body());
    }

    @GetMapping("/{id}")
    AgendaItem get(@PathVariable UUID id) {
        return agenda.get(id);
    }

    @PutMapping(path = "/{id}/slot", consumes = MediaType.APPLICATION_JSON_VALUE)
    AgendaItem move(@PathVariable UUID id, @Valid @RequestBody MoveAgendaItem target) {
        return agenda.move(id, target);
    }

    /** Idempotent: 204 whether or not the proposal had an item; from now on its creation answers 410. */
    @DeleteMapping("/by-proposal/{proposalId}")
    ResponseEntity<Void> removeWithdrawn(@PathVariable UUID proposalId) {
        agenda.removeWithdrawn(proposalId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        agenda.delete(id);
        return ResponseEntity.noContent().build();
    }
}

package dev.conference.agenda.schedule;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/schedules")
class ScheduleController {

    private static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @PostMapping
    ResponseEntity<ScheduleView> create() {
        ScheduleView created = schedules.create();
        return ResponseEntity.created(URI.create("/schedules/" + created.token())).body(created);
    }

    @GetMapping("/{token}")
    ScheduleView get(@PathVariable String token) {
        return schedules.get(token);
    }

    @GetMapping("/{token}.ics")
    ResponseEntity<byte[]> calendar(@PathVariable String token) {
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("schedule.ics").build().toString())
                .body(schedules.calendar(token).getBytes(StandardCharsets.UTF_8));
    }

    /** Idempotent: adding a talk the schedule has is no change. */
    @PutMapping("/{token}/talks/{agendaItemId}")
    ResponseEntity<Void> add(@PathVariable String token, @PathVariable UUID agendaItemId) {
        schedules.add(token, agendaItemId);
        return ResponseEntity.noContent().build();
    }

    /** Idempotent: removing a talk the schedule does not have is no change. */
    @DeleteMapping("/{token}/talks/{agendaItemId}")
    ResponseEntity<Void> remove(@PathVariable String token, @PathVariable UUID agendaItemId) {
        schedules.remove(token, agendaItemId);
        return ResponseEntity.noContent().build();
    }
}

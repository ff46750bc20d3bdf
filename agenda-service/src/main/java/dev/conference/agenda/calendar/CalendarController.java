package dev.conference.agenda.calendar;

import dev.conference.agenda.item.AgendaItemService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CalendarController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final AgendaItemService agenda;
    private final AgendaCalendar calendar;
    private final Clock clock;

    CalendarController(AgendaItemService agenda, AgendaCalendar calendar, Clock clock) {
        this.agenda = agenda;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping(path = "/agenda-items.ics", produces = "text/calendar")
    ResponseEntity<String> calendar() {
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("agenda.ics").build().toString())
                .body(calendar.render(agenda.list(null, null), clock.instant()));
    }
}

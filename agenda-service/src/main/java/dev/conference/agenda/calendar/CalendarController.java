package dev.conference.agenda.calendar;

import dev.conference.agenda.item.Representation;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CalendarController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final CalendarExport export;

    CalendarController(CalendarExport export) {
        this.export = export;
    }

    @GetMapping(path = "/agenda-items.ics", produces = "text/calendar")
    ResponseEntity<byte[]> calendar() {
        Representation calendar = export.current();
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .eTag(calendar.etag())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("agenda.ics").build().toString())
                .body(calendar.body());
    }
}

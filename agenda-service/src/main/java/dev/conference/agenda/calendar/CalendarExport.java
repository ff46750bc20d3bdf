package dev.conference.agenda.calendar;

import dev.conference.agenda.item.AgendaSnapshot;
import dev.conference.agenda.item.AgendaSnapshotCache;
import dev.conference.agenda.item.Representation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The calendar of the current agenda, rendered once per snapshot. Its DTSTAMP is when this replica
 * rendered it, right after the change: for a calendar without METHOD, RFC 5545 takes DTSTAMP as
 * the time the information was last revised.
 */
@Component
class CalendarExport {

    private record Rendered(AgendaSnapshot source, Representation calendar) {
    }

    private final AgendaSnapshotCache snapshots;
    private final AgendaCalendar calendar;
    private final Clock clock;
    private volatile Rendered last;

    CalendarExport(AgendaSnapshotCache snapshots, AgendaCalendar calendar, Clock clock) {
        this.snapshots = snapshots;
        this.calendar = calendar;
        this.clock = clock;
    }

    Representation current() {
        AgendaSnapshot snapshot = snapshots.current();
        Rendered rendered = last;
        if (rendered == null || rendered.source() != snapshot) {
            // Readers right after a change may each render it; the copy any of them keeps is as good.
            rendered = new Rendered(snapshot, Representation.of(
                    calendar.render(snapshot.items(), clock.instant()).getBytes(StandardCharsets.UTF_8)));
            last = rendered;
        }
        return rendered.calendar();
    }
}

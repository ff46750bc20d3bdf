package dev.conference.agenda.schedule;

import dev.conference.agenda.config.AgendaProperties;
import dev.conference.agenda.grid.AgendaGrid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How long personal schedules are kept: until the end of the 30th day after the last conference day
 * of the grid, in the conference's time zone. Every change of a schedule sets its key to expire then.
 */
@Component
public class ScheduleLifetime {

    static final int DAYS_KEPT_AFTER_THE_CONFERENCE = 30;

    private final Instant end;
    private final Clock clock;

    @Autowired
    public ScheduleLifetime(AgendaGrid grid, AgendaProperties properties, Clock clock) {
        this(Collections.max(grid.days()), properties.timeZone(), clock);
    }

    ScheduleLifetime(LocalDate lastConferenceDay, ZoneId zone, Clock clock) {
        this.end = lastConferenceDay.plusDays(DAYS_KEPT_AFTER_THE_CONFERENCE + 1L).atStartOfDay(zone).toInstant();
        this.clock = clock;
    }

    /** When every schedule expires. */
    public Instant end() {
        return end;
    }

    public boolean isOver() {
        return !clock.instant().isBefore(end);
    }

    public Instant now() {
        return clock.instant();
    }
}

package dev.conference.agenda.calendar;

import dev.conference.agenda.config.AgendaProperties;
import dev.conference.agenda.item.AgendaItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Renders the agenda as an RFC 5545 calendar. Event times are written in UTC, converted from the
 * conference's time zone, so no VTIMEZONE definition is needed and every client agrees on the
 * instants; X-WR-TIMEZONE tells clients which zone to show them in.
 */
@Component
public class AgendaCalendar {

    static final String UID_DOMAIN = "@conference-platform";
    private static final DateTimeFormatter UTC_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ZoneId zone;
    private final String name;

    @Autowired
    public AgendaCalendar(AgendaProperties properties) {
        this(properties.timeZone(), properties.calendarName());
    }

    AgendaCalendar(ZoneId zone, String name) {
        this.zone = zone;
        this.name = name;
    }

    /** The calendar of {@code items}, stamped as generated at {@code now}. */
    public String render(List<AgendaItem> items, Instant now) {
        return render(name, items, now);
    }

    /** The same, under another calendar name (a part of the agenda shown as a calendar of its own). */
    public String render(String calendarName, List<AgendaItem> items, Instant now) {
        StringBuilder calendar = new StringBuilder(512 + 512 * items.size());
        line(calendar, "BEGIN:VCALENDAR");
        line(calendar, "VERSION:2.0");
        line(calendar, "PRODID:-//Conference Platform//Agenda Service//EN");
        line(calendar, "CALSCALE:GREGORIAN");
        line(calendar, "X-WR-CALNAME:" + ContentLines.escapeText(calendarName));
        line(calendar, "X-WR-TIMEZONE:" + zone.getId());
        String stamp = UTC_DATE_TIME.format(now);
        for (AgendaItem item : items) {
            line(calendar, "BEGIN:VEVENT");
            line(calendar, "UID:" + item.id() + UID_DOMAIN);
            line(calendar, "DTSTAMP:" + stamp);
            line(calendar, "DTSTART:" + utc(item.day(), item.startTime()));
            line(calendar, "DTEND:" + utc(item.day(), item.endTime()));
            line(calendar, "SUMMARY:" + ContentLines.escapeText(item.title()));
            line(calendar, "DESCRIPTION:" + ContentLines.escapeText(description(item)));
            line(calendar, "LOCATION:" + ContentLines.escapeText(item.room()));
            line(calendar, "CATEGORIES:" + item.format().name());
            line(calendar, "END:VEVENT");
        }
        line(calendar, "END:VCALENDAR");
        return calendar.toString();
    }

    /** Format and level first ("Workshop · Beginner"), then the speaker, the abstract and the speaker's bio. */
    static String description(AgendaItem item) {
        StringBuilder description = new StringBuilder(item.format().label());
        if (item.level() != null) {
            description.append(" · ").append(item.level().label());
        }
        description.append("\n\nSpeaker: ").append(item.speakerName()).append("\n\n").append(item.abstractText());
        if (item.speakerBio() != null) {
            description.append("\n\nAbout the speaker: ").append(item.speakerBio());
        }
        return description.toString();
    }

    private String utc(LocalDate day, LocalTime time) {
        return UTC_DATE_TIME.format(day.atTime(time).atZone(zone));
    }

    private static void line(StringBuilder calendar, String contentLine) {
        calendar.append(ContentLines.fold(contentLine));
    }
}

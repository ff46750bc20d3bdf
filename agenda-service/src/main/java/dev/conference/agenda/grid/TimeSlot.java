package dev.conference.agenda.grid;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time of day a talk may run, written {@code HH:mm-HH:mm}; it starts before it ends. */
public record TimeSlot(LocalTime start, LocalTime end) {

    private static final Pattern TEXT = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    public TimeSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Time slot " + format(start) + "-" + format(end) + " must start before it ends");
        }
    }

    /** Parses {@code HH:mm-HH:mm}; also the factory Spring uses to bind {@code agenda.grid.slots}. */
    public static TimeSlot of(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Time slot '" + text + "' is not of the form HH:mm-HH:mm");
        }
        try {
            return new TimeSlot(LocalTime.parse(matcher.group(1), HOURS_MINUTES), LocalTime.parse(matcher.group(2), HOURS_MINUTES));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Time slot '" + text + "' is not a valid time range", e);
        }
    }

    public boolean overlaps(TimeSlot other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public static String format(LocalTime time) {
        return time.format(HOURS_MINUTES);
    }

    @Override
    public String toString() {
        return format(start) + "-" + format(end);
    }
}

package dev.conference.agenda.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.item.AgendaItem;
import dev.conference.agenda.item.Format;
import dev.conference.agenda.item.Level;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

/** Parses the export with ical4j, a real iCalendar implementation, as a calendar client would. */
class AgendaCalendarTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Instant NOW = Instant.parse("2027-04-01T10:15:30Z");

    private final AgendaCalendar calendar = new AgendaCalendar(AMSTERDAM, "DevConf, 2027; the agenda");

    private final AgendaItem plain = item("Plain talk", "Ada Lovelace", "Engines.", LocalDate.of(2027, 5, 12), "09:00",
            "09:45", "Main Hall");
    // the texts do not end in a space only because ical4j trims trailing whitespace off values
    private final AgendaItem tricky = item(
            "Commas, semicolons; back\\slashes and\nnew lines 🎉 ☕ — " + "very long ".repeat(30) + "title",
            "Zoë O'Brien; \"Z\"",
            "Line one,\r\nline two;\nline three 🚀 <script>alert(1)</script> '; DROP TABLE x;--\t"
                    + "ünïcödé ".repeat(800) + "fin",
            LocalDate.of(2027, 5, 13), "15:30", "16:15", "Room A, upstairs");

    @Test
    void aCalendarClientImportsEveryTalk() throws Exception {
        Calendar parsed = parse(calendar.render(List.of(plain, tricky), NOW));

        assertThat(parsed.validate().hasErrors()).as(parsed.validate().toString()).isFalse();
        assertThat(value(parsed, Property.VERSION)).isEqualTo("2.0");
        assertThat(value(parsed, Property.PRODID)).isNotBlank();
        assertThat(value(parsed, Property.CALSCALE)).isEqualTo("GREGORIAN");
        assertThat(value(parsed, "X-WR-CALNAME")).isEqualTo("DevConf, 2027; the agenda");
        assertThat(parsed.<VEvent>getComponents("VEVENT")).hasSize(2);
    }

    @Test
    void textWithCommasSemicolonsNewLinesAndEmojiSurvivesTheRoundTrip() throws Exception {
        VEvent event = parse(calendar.render(List.of(tricky), NOW)).<VEvent>getComponents("VEVENT").getFirst();

        assertThat(value(event, Property.SUMMARY)).isEqualTo(tricky.title());
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo(
                "Talk\n\nSpeaker: " + tricky.speakerName() + "\n\n" + tricky.abstractText().replace("\r\n", "\n"));
        assertThat(value(event, Property.LOCATION)).isEqualTo("Room A, upstairs");
    }

    @Test
    void eventsHaveAStableUidAndTheSlotsInstantsInTheConferenceZone() throws Exception {
        VEvent event = parse(calendar.render(List.of(plain), NOW)).<VEvent>getComponents("VEVENT").getFirst();

        assertThat(value(event, Property.UID)).isEqualTo(plain.id() + "@conference-platform");
        assertThat(instant(event, Property.DTSTART))
                .isEqualTo(ZonedDateTime.of(2027, 5, 12, 9, 0, 0, 0, AMSTERDAM).toInstant())
                .isEqualTo(Instant.parse("2027-05-12T07:00:00Z"));
        assertThat(instant(event, Property.DTEND)).isEqualTo(Instant.parse("2027-05-12T07:45:00Z"));
        assertThat(instant(event, Property.DTSTAMP)).isEqualTo(NOW);
    }

    @Test
    void aWorkshopEndsWithItsSecondSlotAndSaysItsFormatLevelAndSpeakerBio() throws Exception {
        AgendaItem workshop = new AgendaItem(UUID.randomUUID(), UUID.randomUUID(), "Hands on records", "Bring a laptop.",
                "Ada Lovelace", LocalDate.of(2027, 5, 12), LocalTime.of(9, 0), LocalTime.of(10, 45), "Room B",
                Format.WORKSHOP, Level.BEGINNER, "Ada wrote the first program;\nshe likes engines.");

        Calendar parsed = parse(calendar.render(List.of(workshop, plain), NOW));

        assertThat(parsed.validate().hasErrors()).as(parsed.validate().toString()).isFalse();
        VEvent event = parsed.<VEvent>getComponents("VEVENT").getFirst();
        assertThat(instant(event, Property.DTSTART)).isEqualTo(Instant.parse("2027-05-12T07:00:00Z"));
        assertThat(instant(event, Property.DTEND)).isEqualTo(Instant.parse("2027-05-12T08:45:00Z"));
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo("Workshop · Beginner\n\nSpeaker: Ada Lovelace\n\n"
                + "Bring a laptop.\n\nAbout the speaker: Ada wrote the first program;\nshe likes engines.");
        assertThat(value(event, Property.CATEGORIES)).isEqualTo("WORKSHOP");
        VEvent talk = parsed.<VEvent>getComponents("VEVENT").get(1);
        assertThat(value(talk, Property.DESCRIPTION)).startsWith("Talk\n\nSpeaker: Ada Lovelace");
        assertThat(value(talk, Property.CATEGORIES)).isEqualTo("TALK");
    }

    @Test
    void aTalksLevelFollowsItsFormat() throws Exception {
        AgendaItem advanced = new AgendaItem(UUID.randomUUID(), UUID.randomUUID(), "Deep", "Deeper.", "Grace",
                LocalDate.of(2027, 5, 12), LocalTime.of(9, 0), LocalTime.of(9, 45), "Main Hall", Format.TALK,
                Level.ADVANCED, null);

        VEvent event = parse(calendar.render(List.of(advanced), NOW)).<VEvent>getComponents("VEVENT").getFirst();

        assertThat(value(event, Property.DESCRIPTION)).isEqualTo("Talk · Advanced\n\nSpeaker: Grace\n\nDeeper.");
    }

    @Test
    void linesAreFoldedToAtMost75OctetsAndEndWithCrlf() {
        String text = calendar.render(List.of(plain, tricky), NOW);

        assertThat(text).endsWith("END:VCALENDAR\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    }

    @Test
    void anEmptyAgendaIsAValidCalendar() throws Exception {
        Calendar parsed = parse(calendar.render(List.of(), NOW));

        assertThat(parsed.<VEvent>getComponents("VEVENT")).isEmpty();
        assertThat(value(parsed, Property.VERSION)).isEqualTo("2.0");
    }

    private static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static String value(net.fortuna.ical4j.model.PropertyListAccessor container, String name) {
        return container.<Property>getProperty(name).map(Property::getValue).orElse(null);
    }

    private static Instant instant(VEvent event, String name) {
        DateProperty<Temporal> property = event.<DateProperty<Temporal>>getProperty(name).orElseThrow();
        return Instant.from(property.getDate());
    }

    private static AgendaItem item(String title, String speaker, String abstractText, LocalDate day, String start,
            String end, String room) {
        return new AgendaItem(UUID.randomUUID(), UUID.randomUUID(), title, abstractText, speaker, day,
                LocalTime.parse(start), LocalTime.parse(end), room, Format.TALK, null, null);
    }
}

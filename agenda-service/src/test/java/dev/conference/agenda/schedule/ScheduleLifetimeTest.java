package dev.conference.agenda.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleLifetimeTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate LAST_DAY = LocalDate.of(2027, 5, 14);

    @Test
    void schedulesAreKeptToTheEndOfTheThirtiethDayAfterTheConferenceInItsZone() {
        ScheduleLifetime lifetime = new ScheduleLifetime(LAST_DAY, AMSTERDAM, Clock.systemUTC());

        assertThat(lifetime.end()).isEqualTo(Instant.parse("2027-06-13T22:00:00Z"));
    }

    @Test
    void itIsOverFromThatInstantOn() {
        Instant end = Instant.parse("2027-06-13T22:00:00Z");

        assertThat(lifetimeAt(end.minusSeconds(1)).isOver()).isFalse();
        assertThat(lifetimeAt(end).isOver()).isTrue();
        assertThat(lifetimeAt(end.plusSeconds(86_400)).isOver()).isTrue();
    }

    private static ScheduleLifetime lifetimeAt(Instant now) {
        return new ScheduleLifetime(LAST_DAY, AMSTERDAM, Clock.fixed(now, ZoneOffset.UTC));
    }
}

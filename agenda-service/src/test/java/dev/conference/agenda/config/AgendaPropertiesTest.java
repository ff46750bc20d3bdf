package dev.conference.agenda.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AgendaPropertiesTest {

    @EnableConfigurationProperties(AgendaProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsDescribeAThreeDayConferenceThatRunsOnALaptop() {
        runner.run(context -> {
            AgendaProperties properties = context.getBean(AgendaProperties.class);
            assertThat(properties.keyPrefix()).isEqualTo("agenda:");
            assertThat(properties.timeZone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
            assertThat(properties.calendarName()).isNotBlank();
            assertThat(properties.grid().days()).containsExactly(
                    LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13), LocalDate.of(2027, 5, 14));
            assertThat(properties.grid().slots()).hasToString(
                    "[09:00-09:45, 10:00-10:45, 11:00-11:45, 13:30-14:15, 14:30-15:15, 15:30-16:15]");
            assertThat(properties.grid().rooms()).containsExactly("Main Hall", "Room A", "Room B");
            assertThat(properties.grid().toAgendaGrid().capacity()).isEqualTo(54);
        });
    }

    @Test
    void gridIsSetByCommaSeparatedEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "AGENDA_GRID_DAYS", "2027-05-12,2027-05-13",
                                "AGENDA_GRID_SLOTS", "09:00-10:00,10:30-11:30",
                                "AGENDA_GRID_ROOMS", "Main Hall,Room A,Room B,Room C",
                                "AGENDA_KEYPREFIX", "conference:agenda:",
                                "AGENDA_TIMEZONE", "America/New_York"))))
                .run(context -> {
                    AgendaProperties properties = context.getBean(AgendaProperties.class);
                    assertThat(properties.grid().days()).containsExactly(LocalDate.of(2027, 5, 12), LocalDate.of(2027, 5, 13));
                    assertThat(properties.grid().slots()).hasToString("[09:00-10:00, 10:30-11:30]");
                    assertThat(properties.grid().rooms()).containsExactly("Main Hall", "Room A", "Room B", "Room C");
                    assertThat(properties.keyPrefix()).isEqualTo("conference:agenda:");
                    assertThat(properties.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
                });
    }

    @Test
    void overlappingSlotsStopTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.slots=09:00-10:00,09:30-10:30", "slots must not repeat or overlap");
    }

    @Test
    void repeatedSlotsStopTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.slots=09:00-10:00,09:00-10:00", "slots must not repeat or overlap");
    }

    @Test
    void aSlotEndingBeforeItStartsStopsTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.slots=10:00-09:00", "must start before it ends");
    }

    @Test
    void aMalformedSlotStopsTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.slots=9 to 10", "not of the form HH:mm-HH:mm");
    }

    @Test
    void repeatedRoomsStopTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.rooms=Room A,Room B,Room A", "must not list a room twice");
    }

    @Test
    void repeatedDaysStopTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.days=2027-05-12,2027-05-12", "must not list a day twice");
    }

    @Test
    void anEmptyGridStopsTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.rooms=", "must not be empty");
    }

    @Test
    void anInvalidDayStopsTheServiceFromStarting() {
        assertStartupRefused("agenda.grid.days=2027-02-30", "agenda.grid.days");
    }

    @Test
    void anUnknownTimeZoneStopsTheServiceFromStarting() {
        assertStartupRefused("agenda.time-zone=Mars/Olympus", "agenda.time-zone");
    }

    private void assertStartupRefused(String property, String reason) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).satisfies(failure ->
                    assertThat(messages(failure)).contains(reason));
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}

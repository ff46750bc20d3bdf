package dev.conference.agenda.config;

import dev.conference.agenda.grid.AgendaGrid;
import dev.conference.agenda.grid.TimeSlot;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the agenda service. The defaults run on a laptop against a local Redis.
 *
 * @param keyPrefix Prefix of every Redis key the service writes, so several agendas (or test runs)
 *        can share one Redis.
 * @param timeZone Time zone the conference takes place in; the grid's times are local to it.
 * @param calendarName Name calendar clients show for the iCalendar export.
 * @param grid Days, time slots and rooms talks are placed on.
 */
@Validated
@ConfigurationProperties("agenda")
public record AgendaProperties(
        @DefaultValue("agenda:") @NotBlank String keyPrefix,
        @DefaultValue("Europe/Amsterdam") @NotNull ZoneId timeZone,
        @DefaultValue("Conference agenda") @NotBlank String calendarName,
        @DefaultValue @NotNull @Valid Grid grid) {

    /**
     * The agenda grid. Lists may be given as comma-separated values, for example
     * {@code AGENDA_GRID_DAYS=2027-05-12,2027-05-13}.
     *
     * @param days Conference days, as ISO dates.
     * @param slots Time slots of every day, as HH:mm-HH:mm, none overlapping.
     * @param rooms Rooms, in the order talks fill them.
     */
    public record Grid(
            @DefaultValue({"2027-05-12", "2027-05-13", "2027-05-14"})
            @NotEmpty List<@NotNull LocalDate> days,
            @DefaultValue({"09:00-09:45", "10:00-10:45", "11:00-11:45", "13:30-14:15", "14:30-15:15", "15:30-16:15"})
            @NotEmpty List<@NotNull TimeSlot> slots,
            @DefaultValue({"Main Hall", "Room A", "Room B"})
            @NotEmpty List<@NotBlank String> rooms) {

        @AssertTrue(message = "must not list a day twice")
        public boolean isEveryDayOnce() {
            return days == null || !AgendaGrid.hasRepeats(days);
        }

        @AssertTrue(message = "must not list a room twice")
        public boolean isEveryRoomOnce() {
            return rooms == null || !AgendaGrid.hasRepeats(rooms);
        }

        @AssertTrue(message = "slots must not repeat or overlap")
        public boolean isSlotsApart() {
            return slots == null || slots.contains(null) || !AgendaGrid.hasOverlaps(slots);
        }

        public AgendaGrid toAgendaGrid() {
            return new AgendaGrid(days, slots, rooms);
        }
    }
}

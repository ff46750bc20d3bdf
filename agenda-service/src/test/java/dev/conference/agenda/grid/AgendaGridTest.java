package dev.conference.agenda.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgendaGridTest {

    private static final LocalDate DAY_ONE = LocalDate.of(2027, 5, 12);
    private static final LocalDate DAY_TWO = LocalDate.of(2027, 5, 13);

    private final AgendaGrid grid = new AgendaGrid(
            List.of(DAY_TWO, DAY_ONE),
            List.of(TimeSlot.of("10:00-10:45"), TimeSlot.of("09:00-09:45")),
            List.of("Main Hall", "Room B", "Room A"));

    @Test
    void fillsSlotsByDayThenStartTimeThenRoomInConfiguredOrder() {
        assertThat(grid.slots()).extracting(slot -> slot.day() + " " + slot.startTime() + " " + slot.room())
                .containsExactly(
                        "2027-05-12 09:00 Main Hall", "2027-05-12 09:00 Room B", "2027-05-12 09:00 Room A",
                        "2027-05-12 10:00 Main Hall", "2027-05-12 10:00 Room B", "2027-05-12 10:00 Room A",
                        "2027-05-13 09:00 Main Hall", "2027-05-13 09:00 Room B", "2027-05-13 09:00 Room A",
                        "2027-05-13 10:00 Main Hall", "2027-05-13 10:00 Room B", "2027-05-13 10:00 Room A");
    }

    @Test
    void workshopPairsAreConsecutiveSlotsOfOneRoomInFillOrderOfTheirFirstSlot() {
        AgendaGrid threeSlots = new AgendaGrid(List.of(DAY_TWO, DAY_ONE),
                List.of(TimeSlot.of("13:30-14:15"), TimeSlot.of("09:00-09:45"), TimeSlot.of("10:00-10:45")),
                List.of("Main Hall", "Room A"));

        assertThat(threeSlots.runs(2)).extracting(AgendaGridTest::describe).containsExactly(
                "2027-05-12 Main Hall 09:00-09:45+10:00-10:45", "2027-05-12 Room A 09:00-09:45+10:00-10:45",
                "2027-05-12 Main Hall 10:00-10:45+13:30-14:15", "2027-05-12 Room A 10:00-10:45+13:30-14:15",
                "2027-05-13 Main Hall 09:00-09:45+10:00-10:45", "2027-05-13 Room A 09:00-09:45+10:00-10:45",
                "2027-05-13 Main Hall 10:00-10:45+13:30-14:15", "2027-05-13 Room A 10:00-10:45+13:30-14:15");
    }

    @Test
    void runsOfOneSlotAreTheSlotsInFillOrder() {
        assertThat(grid.runs(1)).extracting(List::getFirst).containsExactlyElementsOf(grid.slots());
        assertThat(grid.runs(1)).allSatisfy(run -> assertThat(run).hasSize(1));
    }

    @Test
    void aDayWithOneSlotHasNoWorkshopPair() {
        AgendaGrid oneSlot = new AgendaGrid(List.of(DAY_ONE), List.of(TimeSlot.of("09:00-09:45")), List.of("A", "B"));

        assertThat(oneSlot.runs(2)).isEmpty();
    }

    @Test
    void theRunFromASlotFollowsItsRoomAndDayAndEndsWithTheDay() {
        GridSlot first = grid.find(DAY_ONE, LocalTime.of(9, 0), "Room A").orElseThrow();
        GridSlot last = grid.find(DAY_ONE, LocalTime.of(10, 0), "Room A").orElseThrow();

        assertThat(grid.runFrom(first, 2)).hasValueSatisfying(run -> assertThat(run).containsExactly(first, last));
        assertThat(grid.runFrom(last, 1)).contains(List.of(last));
        assertThat(grid.runFrom(last, 2)).isEmpty();
    }

    @Test
    void capacityIsDaysTimesSlotsTimesRooms() {
        assertThat(grid.capacity()).isEqualTo(2 * 2 * 3);
    }

    @Test
    void slotsCarryTheirEndTime() {
        assertThat(grid.slots().getFirst().endTime()).isEqualTo(LocalTime.of(9, 45));
    }

    @Test
    void findsASlotByDayStartAndRoom() {
        assertThat(grid.find(DAY_TWO, LocalTime.of(10, 0), "Room A"))
                .contains(new GridSlot(DAY_TWO, TimeSlot.of("10:00-10:45"), "Room A"));
    }

    @Test
    void findsNothingOutsideTheGrid() {
        assertThat(grid.find(LocalDate.of(2027, 5, 14), LocalTime.of(10, 0), "Room A")).isEmpty();
        assertThat(grid.find(DAY_ONE, LocalTime.of(10, 15), "Room A")).isEmpty();
        assertThat(grid.find(DAY_ONE, LocalTime.of(10, 0), "Room Z")).isEmpty();
        assertThat(grid.find(DAY_ONE, LocalTime.of(10, 0), "room a")).isEmpty();
    }

    @Test
    void placementOrderSortsLikeTheGridAndPutsUnknownRoomsLast() {
        record Placed(LocalDate day, LocalTime start, String room) {
        }
        List<Placed> placed = new ArrayList<>(List.of(
                new Placed(DAY_TWO, LocalTime.of(9, 0), "Main Hall"),
                new Placed(DAY_ONE, LocalTime.of(10, 0), "Main Hall"),
                new Placed(DAY_ONE, LocalTime.of(9, 0), "Old Room"),
                new Placed(DAY_ONE, LocalTime.of(9, 0), "Room A"),
                new Placed(DAY_ONE, LocalTime.of(9, 0), "Room B")));

        placed.sort(grid.placementOrder(Placed::day, Placed::start, Placed::room));

        assertThat(placed).containsExactly(
                new Placed(DAY_ONE, LocalTime.of(9, 0), "Room B"),
                new Placed(DAY_ONE, LocalTime.of(9, 0), "Room A"),
                new Placed(DAY_ONE, LocalTime.of(9, 0), "Old Room"),
                new Placed(DAY_ONE, LocalTime.of(10, 0), "Main Hall"),
                new Placed(DAY_TWO, LocalTime.of(9, 0), "Main Hall"));
    }

    private static String describe(List<GridSlot> run) {
        return run.getFirst().day() + " " + run.getFirst().room() + " "
                + String.join("+", run.stream().map(slot -> slot.time().toString()).toList());
    }

    @Test
    void refusesAnEmptyGrid() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new AgendaGrid(List.of(), List.of(TimeSlot.of("09:00-10:00")), List.of("A")));
        assertThatIllegalArgumentException().isThrownBy(() -> new AgendaGrid(List.of(DAY_ONE), List.of(), List.of("A")));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new AgendaGrid(List.of(DAY_ONE), List.of(TimeSlot.of("09:00-10:00")), List.of()));
    }

    @Test
    void refusesRepeatedDaysOrRooms() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AgendaGrid(
                List.of(DAY_ONE, DAY_ONE), List.of(TimeSlot.of("09:00-10:00")), List.of("A")))
                .withMessageContaining("Days must not repeat");
        assertThatIllegalArgumentException().isThrownBy(() -> new AgendaGrid(
                List.of(DAY_ONE), List.of(TimeSlot.of("09:00-10:00")), List.of("A", "B", "A")))
                .withMessageContaining("Rooms must not repeat");
    }

    @Test
    void refusesRepeatedOrOverlappingSlots() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AgendaGrid(
                List.of(DAY_ONE), List.of(TimeSlot.of("09:00-10:00"), TimeSlot.of("09:00-10:00")), List.of("A")))
                .withMessageContaining("must not repeat or overlap");
        assertThatIllegalArgumentException().isThrownBy(() -> new AgendaGrid(
                List.of(DAY_ONE), List.of(TimeSlot.of("11:00-12:00"), TimeSlot.of("09:00-10:00"), TimeSlot.of("09:30-10:30")),
                List.of("A")))
                .withMessageContaining("must not repeat or overlap");
    }

    @Test
    void refusesBlankRoomNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AgendaGrid(
                List.of(DAY_ONE), List.of(TimeSlot.of("09:00-10:00")), List.of("A", " ")));
    }
}

package dev.conference.agenda.grid;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The configured days, time slots and rooms, and the order talks fill them in: by day, then by
 * slot start, then by room in the configured order.
 */
public final class AgendaGrid {

    private final List<LocalDate> days;
    private final List<TimeSlot> times;
    private final List<String> rooms;
    private final List<GridSlot> slots;
    private final Map<Integer, List<List<GridSlot>>> runsByLength = new ConcurrentHashMap<>();

    public AgendaGrid(List<LocalDate> days, List<TimeSlot> times, List<String> rooms) {
        require(!days.isEmpty(), "The grid needs at least one day");
        require(!times.isEmpty(), "The grid needs at least one time slot");
        require(!rooms.isEmpty(), "The grid needs at least one room");
        require(rooms.stream().noneMatch(String::isBlank), "Room names must not be blank");
        require(!hasRepeats(days), "Days must not repeat: " + days);
        require(!hasRepeats(rooms), "Rooms must not repeat: " + rooms);
        require(!hasOverlaps(times), "Time slots must not repeat or overlap: " + times);
        this.days = days.stream().sorted().toList();
        this.times = times.stream().sorted(Comparator.comparing(TimeSlot::start)).toList();
        this.rooms = List.copyOf(rooms);
        this.slots = allSlots();
    }

    public static boolean hasRepeats(List<?> values) {
        return new HashSet<>(values).size() != values.size();
    }

    public static boolean hasOverlaps(List<TimeSlot> times) {
        for (int i = 0; i < times.size(); i++) {
            for (int j = i + 1; j < times.size(); j++) {
                if (times.get(i).overlaps(times.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every slot of the grid, in the order talks fill them. */
    public List<GridSlot> slots() {
        return slots;
    }

    /**
     * Every run of {@code length} consecutive time slots of one room on one day, in the order the grid
     * is filled by a run's first slot. Consecutive means adjacent in the day's slots sorted by start,
     * whatever the break between them.
     */
    public List<List<GridSlot>> runs(int length) {
        require(length >= 1, "A run has at least one slot");
        return runsByLength.computeIfAbsent(length, this::allRuns);
    }

    /** The run of {@code length} slots of {@code first}'s room and day that starts with it; empty when the day ends sooner. */
    public Optional<List<GridSlot>> runFrom(GridSlot first, int length) {
        int start = times.indexOf(first.time());
        if (start < 0 || start + length > times.size()) {
            return Optional.empty();
        }
        List<GridSlot> run = new ArrayList<>(length);
        for (int i = start; i < start + length; i++) {
            run.add(new GridSlot(first.day(), times.get(i), first.room()));
        }
        return Optional.of(List.copyOf(run));
    }

    public int capacity() {
        return slots.size();
    }

    public List<LocalDate> days() {
        return days;
    }

    public List<String> rooms() {
        return rooms;
    }

    public boolean hasDay(LocalDate day) {
        return days.contains(day);
    }

    public boolean hasSlotStartingAt(LocalTime start) {
        return times.stream().anyMatch(time -> time.start().equals(start));
    }

    public boolean hasRoom(String room) {
        return rooms.contains(room);
    }

    public Optional<GridSlot> find(LocalDate day, LocalTime start, String room) {
        return slots.stream()
                .filter(slot -> slot.day().equals(day) && slot.startTime().equals(start) && slot.room().equals(room))
                .findFirst();
    }

    /**
     * Orders anything placed on the grid the way the grid is filled. Rooms no longer configured
     * sort after the configured ones, by name, so old data still lists predictably.
     */
    public <T> Comparator<T> placementOrder(Function<T, LocalDate> day, Function<T, LocalTime> start,
            Function<T, String> room) {
        return Comparator.comparing(day)
                .thenComparing(start)
                .thenComparingInt((T placed) -> roomRank(room.apply(placed)))
                .thenComparing(room);
    }

    private int roomRank(String room) {
        int rank = rooms.indexOf(room);
        return rank < 0 ? rooms.size() : rank;
    }

    private List<GridSlot> allSlots() {
        List<GridSlot> all = new ArrayList<>(days.size() * times.size() * rooms.size());
        for (LocalDate day : days) {
            for (TimeSlot time : times) {
                for (String room : rooms) {
                    all.add(new GridSlot(day, time, room));
                }
            }
        }
        return List.copyOf(all);
    }

    private List<List<GridSlot>> allRuns(int length) {
        List<List<GridSlot>> all = new ArrayList<>();
        for (LocalDate day : days) {
            for (int start = 0; start + length <= times.size(); start++) {
                for (String room : rooms) {
                    all.add(runFrom(new GridSlot(day, times.get(start), room), length).orElseThrow());
                }
            }
        }
        return List.copyOf(all);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

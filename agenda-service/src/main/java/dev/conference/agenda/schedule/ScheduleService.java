package dev.conference.agenda.schedule;

import dev.conference.agenda.calendar.AgendaCalendar;
import dev.conference.agenda.config.AgendaProperties;
import dev.conference.agenda.item.AgendaItem;
import dev.conference.agenda.item.AgendaItemNotFoundException;
import dev.conference.agenda.item.AgendaSnapshotCache;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Personal schedules: an attendee's own selection of talks, known only by its token, with its own
 * calendar feed. A schedule lists its talks as the agenda has them now: moved talks in their new
 * slot, talks taken off the agenda not at all.
 */
@Service
public class ScheduleService {

    /** The most talks one schedule may hold. */
    public static final int MOST_TALKS = 100;
    private static final int CREATION_ATTEMPTS = 3;

    private final ScheduleStore store;
    private final ScheduleLifetime lifetime;
    private final AgendaSnapshotCache agenda;
    private final AgendaCalendar calendar;
    private final String calendarName;

    public ScheduleService(ScheduleStore store, ScheduleLifetime lifetime, AgendaSnapshotCache agenda,
            AgendaCalendar calendar, AgendaProperties properties) {
        this.store = store;
        this.lifetime = lifetime;
        this.agenda = agenda;
        this.calendar = calendar;
        this.calendarName = properties.calendarName() + ": my schedule";
    }

    public ScheduleView create() {
        if (lifetime.isOver()) {
            throw new SchedulesClosedException(lifetime.end());
        }
        // 128 random bits do not repeat in practice; the check only makes sure no schedule is ever shared.
        for (int attempt = 0; attempt < CREATION_ATTEMPTS; attempt++) {
            ScheduleToken token = ScheduleToken.random();
            if (store.create(token, lifetime.now(), lifetime.end())) {
                return new ScheduleView(token.value(), List.of());
            }
        }
        throw new IllegalStateException("No free schedule token after " + CREATION_ATTEMPTS + " attempts");
    }

    public ScheduleView get(String token) {
        ScheduleToken known = parse(token);
        return new ScheduleView(known.value(), talks(known));
    }

    /** The schedule's calendar: the same events, with the same UIDs, as the whole agenda's. */
    public String calendar(String token) {
        return calendar.render(calendarName, talks(parse(token)), lifetime.now());
    }

    public void add(String token, UUID itemId) {
        switch (store.add(parse(token), itemId, lifetime.now(), lifetime.end(), MOST_TALKS)) {
            case ADDED -> { }
            case NO_SCHEDULE -> throw new ScheduleNotFoundException();
            case NO_ITEM -> throw new AgendaItemNotFoundException(itemId);
            case FULL -> throw new ScheduleFullException(MOST_TALKS);
        }
    }

    public void remove(String token, UUID itemId) {
        if (!store.remove(parse(token), itemId, lifetime.end())) {
            throw new ScheduleNotFoundException();
        }
    }

    private List<AgendaItem> talks(ScheduleToken token) {
        Set<String> ids = store.talkIds(token).orElseThrow(ScheduleNotFoundException::new);
        return agenda.current().items().stream()
                .filter(item -> ids.contains(item.id().toString()))
                .toList();
    }

    /** A text that cannot be a token names no schedule. */
    private static ScheduleToken parse(String token) {
        return ScheduleToken.parse(token).orElseThrow(ScheduleNotFoundException::new);
    }
}

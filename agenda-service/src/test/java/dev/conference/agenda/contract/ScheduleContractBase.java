package dev.conference.agenda.contract;

import dev.conference.agenda.schedule.ScheduleLifetime;
import dev.conference.agenda.schedule.ScheduleService;
import dev.conference.agenda.schedule.ScheduleStore;
import dev.conference.agenda.schedule.ScheduleToken;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** The two talks of {@link AgendaContractBase}, and a personal schedule holding the first one. */
public abstract class ScheduleContractBase extends AgendaContractBase {

    public static final ScheduleToken SCHEDULE = ScheduleToken.parse("ScheduleContractToken0").orElseThrow();

    @Autowired
    ScheduleStore schedules;
    @Autowired
    ScheduleLifetime lifetime;

    @BeforeEach
    void aScheduleWithTheFirstTalk() {
        schedules.create(SCHEDULE, lifetime.now(), lifetime.end());
        schedules.add(SCHEDULE, FIRST_ITEM, lifetime.now(), lifetime.end(), ScheduleService.MOST_TALKS);
    }
}

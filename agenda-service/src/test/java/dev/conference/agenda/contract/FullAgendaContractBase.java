package dev.conference.agenda.contract;

import org.springframework.test.context.TestPropertySource;

/** The same two talks on a grid with exactly two places, so the agenda is full. */
@TestPropertySource(properties = {"agenda.grid.days=2027-05-12", "agenda.grid.slots=09:00-09:45",
        "agenda.grid.rooms=Main Hall,Room A"})
public abstract class FullAgendaContractBase extends AgendaContractBase {
}

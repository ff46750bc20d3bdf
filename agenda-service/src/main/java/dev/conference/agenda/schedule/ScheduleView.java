package dev.conference.agenda.schedule;

import dev.conference.agenda.item.AgendaItem;
import java.util.List;

/**
 * A personal schedule as callers see it.
 *
 * @param token the schedule's token
 * @param talks its talks that are on the agenda, in agenda order, as {@code GET /agenda-items} shows them
 */
public record ScheduleView(String token, List<AgendaItem> talks) {
}

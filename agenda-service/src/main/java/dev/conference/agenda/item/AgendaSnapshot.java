package dev.conference.agenda.item;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The agenda as of one version, with its JSON serialized once: the whole agenda and the part of
 * each conference day (an empty list for a day without talks).
 *
 * @param version the store's version token, read before the items; null when the store had none
 * @param items   every item, in grid order
 */
public record AgendaSnapshot(String version, List<AgendaItem> items, Representation json,
        Map<LocalDate, Representation> jsonByDay) {
}

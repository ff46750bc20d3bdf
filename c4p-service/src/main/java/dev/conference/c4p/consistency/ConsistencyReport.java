package dev.conference.c4p.consistency;

import java.util.List;
import java.util.UUID;

/**
 * What a consistency check found and did.
 *
 * @param approved approved proposals
 * @param onAgenda agenda items
 * @param missing  approved proposals without an agenda item (an entry may still be on its way)
 * @param repaired the missing ones whose agenda entry was not on its way and is queued again
 * @param orphans  agenda items whose proposal is not approved here (reported; removing a talk is an
 *                 organizer's call, unless its speaker withdrew it)
 * @param removing the orphans whose proposal was withdrawn and whose removal was not on its way: it is
 *                 queued again
 */
public record ConsistencyReport(int approved, int onAgenda, List<UUID> missing, List<UUID> repaired,
                                List<UUID> orphans, List<UUID> removing) {
}

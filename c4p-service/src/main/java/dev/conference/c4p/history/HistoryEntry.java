package dev.conference.c4p.history;

import java.time.Instant;

/** One step of a proposal's history: what happened, when, who did it, and a detail when there is one. */
public record HistoryEntry(HistoryType type, Instant at, String by, String detail) {
}

package dev.conference.c4p.cfp;

import java.time.Instant;

/** The window as the UI shows it: open now or not, and its bounds (null when unbounded). */
public record CfpStatus(boolean open, Instant opensAt, Instant closesAt) {
}

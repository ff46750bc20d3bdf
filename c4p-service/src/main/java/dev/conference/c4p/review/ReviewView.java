package dev.conference.c4p.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A review as back-office users see it on a proposal; {@code comment} is null when none was written. */
public record ReviewView(String reviewer, int score, @JsonInclude(JsonInclude.Include.ALWAYS) String comment,
                         Instant reviewedAt) {
}

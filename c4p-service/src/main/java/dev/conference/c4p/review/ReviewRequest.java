package dev.conference.c4p.review;

import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A reviewer's score of 1 to 5 and an optional comment of several lines. */
public record ReviewRequest(@NotNull @Min(1) @Max(5) Integer score,
                            @Size(max = 2000) @PlainText(multiline = true) String comment) {

    /** The comment stripped, a blank one as none. */
    String normalizedComment() {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}

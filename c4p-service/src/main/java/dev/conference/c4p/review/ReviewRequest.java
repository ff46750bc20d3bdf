package dev.conference.c4p.review;

import dev.conference.support.text.PlainText;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A reviewer's score, a whole number of 1 to 5, and an optional comment of several lines. The score is read
 * as a decimal so that 4.5 is refused rather than cut to 4 (as JSON-to-int would).
 */
public record ReviewRequest(@NotNull @Min(1) @Max(5) @Digits(integer = 1, fraction = 0) BigDecimal score,
                            @Size(max = 2000) @PlainText(multiline = true) String comment) {

    int wholeScore() {
        return score.intValueExact();
    }

    /** The comment stripped, a blank one as none. */
    String normalizedComment() {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }
}

package dev.conference.c4p.review;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The average of a proposal's scores as shown: rounded half up to 2 decimals, without trailing zeros. */
public final class AverageScore {

    private AverageScore() {
    }

    /** The average of {@code count} scores summing to {@code total}; null without any. */
    public static BigDecimal of(long total, long count) {
        if (count <= 0) {
            return null;
        }
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}

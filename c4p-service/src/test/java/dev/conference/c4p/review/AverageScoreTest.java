package dev.conference.c4p.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AverageScoreTest {

    @Test
    void noReviewsHaveNoAverage() {
        assertThat(AverageScore.of(0, 0)).isNull();
    }

    @Test
    void anExactAverageHasNoTrailingZeros() {
        assertThat(AverageScore.of(9, 2)).isEqualTo(new BigDecimal("4.5"));
        assertThat(AverageScore.of(8, 2)).isEqualTo(new BigDecimal("4"));
        assertThat(AverageScore.of(5, 1)).isEqualTo(new BigDecimal("5"));
    }

    @Test
    void anAverageIsRoundedToTwoDecimals() {
        assertThat(AverageScore.of(13, 3)).isEqualTo(new BigDecimal("4.33"));
        assertThat(AverageScore.of(14, 3)).isEqualTo(new BigDecimal("4.67"));
        assertThat(AverageScore.of(10, 7)).isEqualTo(new BigDecimal("1.43"));
    }

    @Test
    void aHalfIsRoundedUp() {
        // 33 / 8 = 4.125 exactly, 17 / 8 = 2.125.
        assertThat(AverageScore.of(33, 8)).isEqualTo(new BigDecimal("4.13"));
        assertThat(AverageScore.of(17, 8)).isEqualTo(new BigDecimal("2.13"));
    }
}

package dev.conference.agenda.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSlotTest {

    @Test
    void parsesHoursAndMinutesRange() {
        TimeSlot slot = TimeSlot.of("09:00-09:45");

        assertThat(slot.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(slot.end()).isEqualTo(LocalTime.of(9, 45));
        assertThat(slot).hasToString("09:00-09:45");
    }

    @Test
    void toleratesSurroundingSpaceAsInCommaSeparatedEnvironmentVariables() {
        assertThat(TimeSlot.of(" 13:30-14:15 ")).isEqualTo(TimeSlot.of("13:30-14:15"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9:00-9:45", "09:00", "09:00-", "09:00 - 09:45", "25:00-26:00", "09:60-10:00", "nine-ten"})
    void refusesTextThatIsNotAnHoursAndMinutesRange(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TimeSlot.of(text)).withMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10:00-09:00", "10:00-10:00"})
    void refusesSlotsThatDoNotStartBeforeTheyEnd(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TimeSlot.of(text))
                .withMessageContaining("must start before it ends");
    }

    @Test
    void slotsOverlapWhenOneStartsBeforeTheOtherEnds() {
        assertThat(TimeSlot.of("09:00-10:00").overlaps(TimeSlot.of("09:30-10:30"))).isTrue();
        assertThat(TimeSlot.of("09:30-10:30").overlaps(TimeSlot.of("09:00-10:00"))).isTrue();
        assertThat(TimeSlot.of("09:00-12:00").overlaps(TimeSlot.of("10:00-11:00"))).isTrue();
    }

    @Test
    void backToBackSlotsDoNotOverlap() {
        assertThat(TimeSlot.of("09:00-10:00").overlaps(TimeSlot.of("10:00-11:00"))).isFalse();
    }
}

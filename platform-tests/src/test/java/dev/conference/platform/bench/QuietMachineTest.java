package dev.conference.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class QuietMachineTest {

    @Test
    void busyIsAllButIdleAndIoWait() {
        long[] before = {100, 0, 50, 1000, 10, 0, 0, 0};
        long[] after = {130, 0, 60, 1150, 20, 5, 5, 0};

        // 40 user+system, 10 irq+softirq busy; 150 idle and 10 iowait not: 50 of 210.
        assertThat(QuietMachine.busyShare(before, after)).isCloseTo(50.0 / 210, Offset.offset(1e-9));
        assertThat(QuietMachine.busyShare(after, after)).isZero();
    }

    @Test
    void settlingWaitsNoLongerThanAskedAndTheSecondItIsInWhenTheTimeRunsOut() throws Exception {
        assertThat(QuietMachine.settle(Duration.ofMillis(1500))).isLessThan(Duration.ofMillis(1500 + 1000 + 1500));
    }
}

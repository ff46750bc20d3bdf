package dev.conference.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Waits until the machine's CPUs are nearly idle, so that a measurement does not start while the run before it
 * still echoes: a JVM that was just under load goes on compiling what got hot, and collecting, for seconds
 * after its load stopped. Reads the whole machine's CPU time from {@code /proc/stat}.
 */
final class QuietMachine {

    /** Busy below this share of all CPUs over one second counts as quiet. */
    static final double QUIET = 0.10;

    private static final Duration SAMPLE = Duration.ofSeconds(1);

    private QuietMachine() {
    }

    /**
     * Waits for one quiet second, at most {@code max}.
     *
     * @return how long it waited
     */
    static Duration settle(Duration max) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long[] before = cpuTimes();
        while (System.nanoTime() - started < max.toNanos()) {
            Thread.sleep(SAMPLE);
            long[] after = cpuTimes();
            if (busyShare(before, after) < QUIET) {
                break;
            }
            before = after;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The share of CPU time spent neither idle nor waiting for I/O between two readings of {@code /proc/stat}. */
    static double busyShare(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < after.length; i++) {
            long delta = after[i] - before[i];
            total += delta;
            if (i == 3 || i == 4) {
                idle += delta;
            }
        }
        return total == 0 ? 0 : (double) (total - idle) / total;
    }

    /** The first line of {@code /proc/stat}: user, nice, system, idle, iowait, irq, softirq, steal, in clock ticks. */
    private static long[] cpuTimes() throws IOException {
        String all = Files.readAllLines(Path.of("/proc/stat")).getFirst();
        return Arrays.stream(all.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong).toArray();
    }
}

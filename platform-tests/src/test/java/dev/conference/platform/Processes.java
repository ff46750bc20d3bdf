package dev.conference.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the processes the tests start. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM ({@link Process#destroy()} on Linux); SIGKILL when it has not ended after {@code grace}. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

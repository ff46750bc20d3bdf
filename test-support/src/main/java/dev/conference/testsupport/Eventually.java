package dev.conference.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waiting for what happens after an answer (a delivery, an email, a restart), for every module's tests. */
public final class Eventually {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Eventually() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when {@code timeout} has passed first. */
    public static void eventually(Duration timeout, BooleanSupplier condition, String what) {
        eventually(timeout, POLL_INTERVAL, condition, what);
    }

    /** With a poll interval of the caller's own, for conditions that are costly to ask (a login, a scrape). */
    public static void eventually(Duration timeout, Duration pollInterval, BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(timeout).pollInterval(pollInterval).until(condition::getAsBoolean);
    }
}

package dev.conference.testsupport;

import java.util.function.Supplier;

/** A server started the first time a test asks for it, then shared by every test of the JVM. */
final class StartedOnce<T> {

    private final Supplier<T> start;
    private T server;

    StartedOnce(Supplier<T> start) {
        this.start = start;
    }

    synchronized T get() {
        if (server == null) {
            server = start.get();
        }
        return server;
    }
}

package dev.conference.helm;

/** Measured figures the charts' settings are checked against; the container tests check the measurements. */
public final class Budgets {

    /**
     * CPU seconds a service uses until it is ready, with the OpenTelemetry agent on, at most. The container
     * tests measure each start and fail above this: c4p-service, the slowest, used 68 with the four starting
     * together on a loaded 2-core machine, email-service 32.
     */
    public static final double START_CPU_SECONDS = 80;

    /**
     * Native memory beyond the pools the JVM options bound, in MiB: symbol tables (46 MiB in c4p-service with
     * the agent), the JIT's arenas while it compiles (up to 45 MiB), threads, GC structures and malloc's own
     * overhead. Measured with -XX:NativeMemoryTracking in the images with the agent on (docs/operations.md).
     */
    public static final long OTHER_NATIVE_MIB = 112;

    private Budgets() {
    }
}

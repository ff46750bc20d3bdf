package dev.conference.web;

import java.time.Duration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing a stopping service does: it stops accepting connections and, for
 * {@code platform.shutdown.drain}, keeps answering on the connections it has, but every answer tells
 * the client to close the connection ({@link ShutdownDrainFilter}) and readiness reports OUT_OF_SERVICE.
 * Clients so leave their kept-alive connections at a request boundary, before the graceful shutdown
 * that follows closes the connections still open, possibly while a client is about to send on one.
 * <p>
 * The listener closes first, not after the drain: connections that the kernel has accepted but the
 * server not yet taken when the listener closes are reset after their request was sent. At SIGTERM
 * clients mostly reuse their connections, so few are waiting; during the drain every answer makes a
 * client connect anew, and a listener closed then would reset some of them. A connection refused at
 * connect time sent nothing, and any client or load balancer may try another instance.
 */
public class ShutdownDrain implements SmartLifecycle {

    private final Duration period;
    private final ApplicationEventPublisher events;
    private final Runnable stopAccepting;
    private volatile boolean running;
    private volatile boolean draining;

    /** {@code stopAccepting} closes the web server's listener and leaves its open connections serving. */
    public ShutdownDrain(Duration period, ApplicationEventPublisher events, Runnable stopAccepting) {
        this.period = period;
        this.events = events;
        this.stopAccepting = stopAccepting;
    }

    public boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        if (period.isZero()) {
            callback.run();
            return;
        }
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        // A client told to close before the listener is gone would connect anew into the closing listener.
        stopAccepting.run();
        draining = true;
        Thread.ofPlatform().name("shutdown-drain").daemon().start(() -> {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Only a real shutdown drains: a test context paused between test classes (a lifecycle stop
     * without a close) must keep its listener, or it answers nothing when the next class resumes it.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Stops before everything else, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}

package dev.conference.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a stopping service lets its callers leave their kept-alive connections.
 *
 * @param drain how long, after SIGTERM and before the web server stops accepting, every response carries
 *              {@code Connection: close} and readiness reports OUT_OF_SERVICE; 0 turns the drain off. In
 *              Kubernetes the preStop pause has already kept the pod serving while the endpoints forgot it:
 *              the drain only has to see one more request on each busy connection.
 */
@ConfigurationProperties("platform.shutdown")
public record ShutdownDrainProperties(Duration drain) {

    /** The graceful shutdown that follows has its own 20 s; the drain must stay well inside a phase's timeout. */
    public static final Duration LONGEST = Duration.ofSeconds(15);

    public ShutdownDrainProperties {
        if (drain == null) {
            drain = Duration.ofSeconds(2);
        }
        if (drain.isNegative() || drain.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("platform.shutdown.drain must be between 0 and " + LONGEST.toSeconds() + "s");
        }
    }
}

package dev.conference.email.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP connections kept open between messages, so that a message costs one SMTP transaction
 * rather than a connection, a greeting and a login too.
 *
 * @param maxConnections how many SMTP connections one instance opens at most; a send finding all of them busy waits
 * @param idleTimeout    a connection unused this long is closed (shorter than the server's own idle limit)
 * @param acquireTimeout how long a send waits for a busy connection before it answers 503
 */
@Validated
@ConfigurationProperties("email.smtp-pool")
public record SmtpPoolProperties(
        @Positive @DefaultValue("8") int maxConnections,
        @NotNull @DefaultValue("30s") Duration idleTimeout,
        @NotNull @DefaultValue("5s") Duration acquireTimeout) {

    public SmtpPoolProperties {
        if (idleTimeout != null && !idleTimeout.isPositive()) {
            throw new IllegalArgumentException("email.smtp-pool.idle-timeout must be positive");
        }
        if (acquireTimeout != null && acquireTimeout.isNegative()) {
            throw new IllegalArgumentException("email.smtp-pool.acquire-timeout must not be negative");
        }
    }
}

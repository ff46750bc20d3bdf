package dev.conference.email.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the emails say about their sender and how sends are made idempotent.
 *
 * @param from             the From header of every email, an RFC 5322 address with an optional display name
 * @param conferenceName   the conference named in the emails' text
 * @param messageIdDomain  the right-hand side of the deterministic Message-ID ({@code <hash@domain>})
 * @param sentKeyCacheSize how many idempotency keys already sent are remembered (least recently used are forgotten)
 */
@Validated
@ConfigurationProperties("email")
public record EmailProperties(
        @DefaultValue("Conference Platform <cfp@conference.local>") @NotBlank String from,
        @DefaultValue("Conference 2027") @NotBlank String conferenceName,
        @DefaultValue("conference-platform.local") @Pattern(regexp = "[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?",
                message = "must be a domain name") String messageIdDomain,
        @DefaultValue("10000") @Positive int sentKeyCacheSize) {
}

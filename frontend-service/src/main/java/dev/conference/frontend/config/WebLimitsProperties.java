package dev.conference.frontend.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on incoming requests, under the same name every service of the platform reads (the servlet
 * services get theirs from service-support, which does not apply to this WebFlux gateway).
 *
 * @param maxRequestBody larger request bodies are refused with 413 before anything reads them
 */
@Validated
@ConfigurationProperties("platform.web")
public record WebLimitsProperties(@NotNull @DefaultValue("64KB") DataSize maxRequestBody) {
}

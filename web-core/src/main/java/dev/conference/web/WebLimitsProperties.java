package dev.conference.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits every service applies to incoming requests.
 *
 * @param maxRequestBody largest request body accepted; larger ones are answered with 413
 */
@ConfigurationProperties("platform.web")
public record WebLimitsProperties(DataSize maxRequestBody) {

    public WebLimitsProperties {
        if (maxRequestBody == null) {
            maxRequestBody = DataSize.ofKilobytes(64);
        }
        if (maxRequestBody.toBytes() <= 0) {
            throw new IllegalArgumentException("platform.web.max-request-body must be positive");
        }
    }
}

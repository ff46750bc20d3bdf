package dev.conference.frontend.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the frontend. The defaults run on a laptop next to the other services; none of
 * them lets anybody log in.
 *
 * @param c4pUrl         base URL of c4p-service (the routes' target for {@code /api/proposals…},
 *                       {@code /api/notifications}, {@code /api/cfp})
 * @param agendaUrl      base URL of agenda-service (the routes' target for {@code /api/agenda…},
 *                       {@code /api/slots})
 * @param organizers     organizers who log in with a password: user name → password hash in
 *                       {@code {bcrypt}…} form; empty by default
 * @param reviewers      reviewers (they read and score proposals, and decide nothing) who log in with a password,
 *                       as {@code organizers}; a name in both is an organizer
 * @param keyPrefix      prefix of every Redis key the frontend writes (agenda copy, rate limits,
 *                       sessions), so several installations or test runs can share one Redis
 * @param retryAfter     what {@code Retry-After} says when a downstream could not answer
 * @param agenda         the agenda cache
 * @param submissions    the rate limit on proposal submissions (and how the client's address is found)
 * @param schedules      the rate limit on creating personal schedules
 * @param logins         the backoff after wrong passwords
 * @param oidc           how OIDC users become organizers or reviewers (only when an OIDC client is configured)
 * @param requests       how slowly a client may send a request before its connection is closed
 */
@Validated
@ConfigurationProperties("frontend")
public record FrontendProperties(
        @NotNull @DefaultValue("http://localhost:8081") URI c4pUrl,
        @NotNull @DefaultValue("http://localhost:8082") URI agendaUrl,
        @NotNull @DefaultValue Map<String, @NotNull @Pattern(regexp = BCRYPT_HASH,
                message = "must be a bcrypt hash written as {bcrypt}$2a$…") String> organizers,
        @NotNull @DefaultValue Map<String, @NotNull @Pattern(regexp = BCRYPT_HASH,
                message = "must be a bcrypt hash written as {bcrypt}$2a$…") String> reviewers,
        @NotBlank @DefaultValue("frontend:") String keyPrefix,
        @NotNull @DefaultValue("5s") Duration retryAfter,
        @Valid @NotNull @DefaultValue Agenda agenda,
        @Valid @NotNull @DefaultValue Submissions submissions,
        @Valid @NotNull @DefaultValue Schedules schedules,
        @Valid @NotNull @DefaultValue Logins logins,
        @Valid @NotNull @DefaultValue Oidc oidc,
        @Valid @NotNull @DefaultValue Requests requests) {

    /** {@code {bcrypt}} followed by a modular-crypt bcrypt hash: nothing weaker is accepted. */
    public static final String BCRYPT_HASH = "\\{bcrypt}\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}";

    /**
     * @param microCacheTtl     how long one replica answers an agenda read from memory without
     *                          asking agenda-service
     * @param microCacheEntries at most this many agenda answers are held in memory
     * @param lastKnownGoodTtl  how long the last-known-good copy in Redis is kept after its last refresh
     */
    public record Agenda(
            @NotNull @DefaultValue("1s") Duration microCacheTtl,
            @Min(1) @Max(100_000) @DefaultValue("256") int microCacheEntries,
            @NotNull @DefaultValue("30d") Duration lastKnownGoodTtl) {
    }

    /**
     * @param freeFailures          wrong passwords for one user name before each further attempt must wait
     * @param freeFailuresPerClient wrong passwords from one client (any user names) before it must wait
     * @param maxDelay              the longest wait; it doubles with each failure beyond the free ones
     */
    public record Logins(
            @Min(1) @Max(1_000) @DefaultValue("5") int freeFailures,
            @Min(1) @Max(10_000) @DefaultValue("20") int freeFailuresPerClient,
            @NotNull @DefaultValue("15m") Duration maxDelay) {
    }

    /**
     * @param perMinute      submissions one client may make per minute, on average
     * @param burst          submissions one client may make at once
     * @param trustedProxies how many proxies in front of the frontend append to {@code X-Forwarded-For}
     *                       (1 behind an ingress controller); 0 uses the connection's address
     */
    public record Submissions(
            @Min(1) @Max(10_000) @DefaultValue("10") int perMinute,
            @Min(1) @Max(10_000) @DefaultValue("5") int burst,
            @Min(0) @Max(10) @DefaultValue("0") int trustedProxies) {

        /** Who a request comes from: the connection's address, or the one that many proxies back in X-Forwarded-For. */
        public RemoteAddressResolver clientAddresses() {
            return trustedProxies == 0 ? new RemoteAddressResolver() { }
                    : XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies);
        }
    }

    /**
     * Creating personal schedules, per client as {@code submissions.trusted-proxies} finds it. Attendees
     * behind one address (a venue's network) share the limit, hence the larger defaults.
     *
     * @param perMinute schedules one client may create per minute, on average
     * @param burst     schedules one client may create at once
     */
    public record Schedules(
            @Min(1) @Max(10_000) @DefaultValue("20") int perMinute,
            @Min(1) @Max(10_000) @DefaultValue("20") int burst) {
    }

    /**
     * @param headerTimeout a request's line and headers must arrive within this time of its first byte (or of the
     *                      connection's start), or the connection is closed
     * @param bodyTimeout   a request's body must arrive within this time of its headers, or the connection is closed
     */
    public record Requests(
            @NotNull @DefaultValue("10s") Duration headerTimeout,
            @NotNull @DefaultValue("30s") Duration bodyTimeout) {
    }

    /**
     * @param organizersClaim the ID token or user info claim that lists the user's groups or roles
     * @param organizersValue a user is an organizer when that claim is, or contains, this value
     * @param reviewersValue  a user is a reviewer when that claim is, or contains, this value (and not the organizers')
     * @param usernameClaim   the claim whose value is passed on as the organizer's or reviewer's name
     */
    public record Oidc(
            @NotBlank @DefaultValue("groups") String organizersClaim,
            @NotBlank @DefaultValue("organizers") String organizersValue,
            @NotBlank @DefaultValue("reviewers") String reviewersValue,
            @NotBlank @DefaultValue("preferred_username") String usernameClaim) {
    }
}

package dev.conference.c4p.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the C4P service. Defaults run on a laptop next to the other services.
 *
 * @param publicUrl where speakers reach the site; tracking links in emails start with it
 * @param cfp       when submissions are accepted
 * @param agenda    the agenda-service downstream
 * @param email     the email-service downstream
 * @param outbox    how side effects are delivered
 */
@Validated
@ConfigurationProperties("c4p")
public record C4pProperties(
        @NotNull @DefaultValue("http://localhost:8080") URI publicUrl,
        @Valid @NotNull @DefaultValue Cfp cfp,
        @Valid @NotNull Endpoint agenda,
        @Valid @NotNull Endpoint email,
        @Valid @NotNull @DefaultValue Outbox outbox) {

    /**
     * The Call for Proposals window; a missing end means unbounded on that side.
     *
     * @param opensAt  first instant a submission is accepted
     * @param closesAt first instant a submission is refused again
     */
    public record Cfp(Instant opensAt, Instant closesAt) {
        public Cfp {
            if (opensAt != null && closesAt != null && !opensAt.isBefore(closesAt)) {
                throw new IllegalArgumentException("c4p.cfp.opens-at must be before c4p.cfp.closes-at");
            }
        }
    }

    /**
     * A service this one calls.
     *
     * @param url            its base URL
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for the answer
     */
    public record Endpoint(
            @NotNull URI url,
            @NotNull @DefaultValue("1s") Duration connectTimeout,
            @NotNull @DefaultValue("10s") Duration readTimeout) {
    }

    /**
     * @param pollInterval   how often the relay looks for due events besides being woken after each commit
     * @param inFlight       how many deliveries of each kind one relay keeps in flight at most
     * @param lease          how long a claimed event stays reserved for its relay; longer than any delivery
     * @param initialBackoff delay before the first retry
     * @param maxBackoff     longest delay between retries
     * @param retention      how long a delivered event is kept before it is purged; refused (FAILED) events are kept
     * @param purgeInterval  how often each replica purges delivered events older than the retention
     * @param purgeBatchSize how many events one purge statement deletes at most
     */
    public record Outbox(
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @Valid @NotNull @DefaultValue InFlight inFlight,
            @NotNull @DefaultValue("60s") Duration lease,
            @NotNull @DefaultValue("500ms") Duration initialBackoff,
            @NotNull @DefaultValue("60s") Duration maxBackoff,
            @NotNull @DefaultValue("7d") Duration retention,
            @NotNull @DefaultValue("10m") Duration purgeInterval,
            @Positive @DefaultValue("1000") int purgeBatchSize) {
    }

    /**
     * Each kind of side effect has places of its own in the relay, so that a slow receiver (an SMTP
     * server behind email-service) does not hold back the others (the agenda).
     *
     * @param agendaEntry   agenda entries in flight at most
     * @param decisionEmail decision emails in flight at most
     * @param receivedEmail   "we received your proposal" emails in flight at most
     * @param agendaRemoval   removals of withdrawn talks from the agenda in flight at most
     * @param withdrawalEmail "your proposal was withdrawn" emails in flight at most
     */
    public record InFlight(
            @Positive @DefaultValue("16") int agendaEntry,
            @Positive @DefaultValue("16") int decisionEmail,
            @Positive @DefaultValue("16") int receivedEmail,
            @Positive @DefaultValue("4") int agendaRemoval,
            @Positive @DefaultValue("4") int withdrawalEmail) {
    }
}

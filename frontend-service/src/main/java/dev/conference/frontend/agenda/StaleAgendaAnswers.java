package dev.conference.frontend.agenda;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts the agenda reads answered from a copy ({@code X-Agenda-Stale: true}) instead of from
 * agenda-service: the availability objective counts them as answers, the stale-agenda alert as a sign
 * that agenda-service has been away too long.
 */
@Component
class StaleAgendaAnswers {

    private final Counter answers;

    StaleAgendaAnswers(MeterRegistry meters) {
        this.answers = Counter.builder("frontend.agenda.stale.answers")
                .description("Agenda reads answered from the last-known-good copy instead of agenda-service")
                .register(meters);
    }

    void served() {
        answers.increment();
    }
}

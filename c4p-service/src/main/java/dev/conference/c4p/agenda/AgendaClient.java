package dev.conference.c4p.agenda;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.downstream.Downstream;
import dev.conference.c4p.outbox.DeliveryOutcome;
import dev.conference.c4p.outbox.OutboxHandler;
import dev.conference.c4p.outbox.OutboxKind;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls to agenda-service: put an approved talk on the agenda (agenda-service answers a repeat
 * for the same proposal with the existing item, so redelivery is harmless; it places nothing for a
 * proposal withdrawn meanwhile, and the entry is then skipped, not delivered), take a withdrawn one off
 * it (idempotent too), and list the agenda.
 */
@Component
public class AgendaClient implements OutboxHandler {

    private static final Logger log = LoggerFactory.getLogger(AgendaClient.class);
    /** Why an agenda entry answered 410 is skipped, as the proposal's deliveries and history say it. */
    static final String NOT_PLACED = "not placed, the proposal was withdrawn (agenda-service answered 410)";

    private final Downstream agenda;
    private final JsonMapper json;

    AgendaClient(C4pProperties properties, RestClient.Builder builder, CircuitBreakerFactory<?, ?> breakers,
                 JsonMapper json) {
        this.agenda = new Downstream("agenda-service", properties.agenda(), builder, breakers);
        this.json = json;
    }

    @Override
    public Set<OutboxKind> kinds() {
        return Set.of(OutboxKind.AGENDA_ENTRY, OutboxKind.AGENDA_REMOVAL);
    }

    @Override
    public DeliveryOutcome deliver(OutboxKind kind, String idempotencyKey, String payload) {
        return switch (kind) {
            case AGENDA_ENTRY -> place(idempotencyKey, payload).value() == HttpStatus.GONE.value()
                    ? DeliveryOutcome.skipped(NOT_PLACED) : DeliveryOutcome.DONE;
            case AGENDA_REMOVAL -> {
                remove(idempotencyKey, json.readValue(payload, AgendaRemoval.class).proposalId());
                yield DeliveryOutcome.DONE;
            }
            default -> throw new IllegalArgumentException("agenda-service does not take " + kind);
        };
    }

    /**
     * Puts the talk on the agenda: 201 when agenda-service created its item, 200 when the item was there already,
     * 410 when the proposal was withdrawn meanwhile (nothing placed, and nothing left to do).
     */
    HttpStatusCode place(String idempotencyKey, String payload) {
        HttpStatusCode status = agenda.post("/agenda-items", idempotencyKey, payload, HttpStatus.GONE);
        if (status.value() == HttpStatus.GONE.value()) {
            log.info("agenda-service did not place {}: the proposal was withdrawn", idempotencyKey);
        }
        return status;
    }

    /** Takes the proposal's item off the agenda, if it has one; agenda-service answers 204 either way. */
    HttpStatusCode remove(String idempotencyKey, UUID proposalId) {
        return agenda.delete("/agenda-items/by-proposal/" + proposalId, idempotencyKey);
    }

    /** Every item on the agenda, reduced to what C4P compares with its proposals. */
    public List<AgendaItemRef> items() {
        return List.of(agenda.get("/agenda-items", AgendaItemRef[].class));
    }
}

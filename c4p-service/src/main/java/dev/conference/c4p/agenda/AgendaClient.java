package dev.conference.c4p.agenda;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.downstream.Downstream;
import dev.conference.c4p.outbox.OutboxHandler;
import dev.conference.c4p.outbox.OutboxKind;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The calls to agenda-service: put an approved talk on the agenda (agenda-service answers a repeat
 * for the same proposal with the existing item, so redelivery is harmless), and list the agenda.
 */
@Component
public class AgendaClient implements OutboxHandler {

    private final Downstream agenda;

    AgendaClient(C4pProperties properties, RestClient.Builder builder, CircuitBreakerFactory<?, ?> breakers) {
        this.agenda = new Downstream("agenda-service", properties.agenda(), builder, breakers);
    }

    @Override
    public Set<OutboxKind> kinds() {
        return Set.of(OutboxKind.AGENDA_ENTRY);
    }

    @Override
    public void deliver(String idempotencyKey, String payload) {
        place(idempotencyKey, payload);
    }

    /** Puts the talk on the agenda: 201 when agenda-service created its item, 200 when the item was there already. */
    HttpStatusCode place(String idempotencyKey, String payload) {
        return agenda.post("/agenda-items", idempotencyKey, payload);
    }

    /** Every item on the agenda, reduced to what C4P compares with its proposals. */
    public List<AgendaItemRef> items() {
        return List.of(agenda.get("/agenda-items", AgendaItemRef[].class));
    }
}

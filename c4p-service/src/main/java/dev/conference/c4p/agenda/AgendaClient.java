package dev.conference.c4p.agenda;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.outbox.HttpReceiver;
import dev.conference.c4p.outbox.OutboxHandler;
import dev.conference.c4p.outbox.OutboxKind;
import java.util.Set;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The call to agenda-service: put an approved talk on the agenda. agenda-service answers a repeat
 * for the same proposal with the existing item, so redelivery is harmless.
 */
@Component
public class AgendaClient implements OutboxHandler {

    private final HttpReceiver agenda;

    AgendaClient(C4pProperties properties, RestClient.Builder builder, CircuitBreakerFactory<?, ?> breakers) {
        this.agenda = new HttpReceiver("agenda-service", properties.agenda(), builder, breakers);
    }

    @Override
    public Set<OutboxKind> kinds() {
        return Set.of(OutboxKind.AGENDA_ENTRY);
    }

    @Override
    public void deliver(String idempotencyKey, String payload) {
        agenda.post("/agenda-items", idempotencyKey, payload);
    }
}

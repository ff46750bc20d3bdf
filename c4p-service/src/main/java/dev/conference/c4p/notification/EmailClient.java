package dev.conference.c4p.notification;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.downstream.Downstream;
import dev.conference.c4p.outbox.DeliveryOutcome;
import dev.conference.c4p.outbox.OutboxHandler;
import dev.conference.c4p.outbox.OutboxKind;
import java.util.Set;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The call to email-service: send one of the speaker emails. email-service turns the idempotency
 * key into the message's Message-ID and ignores a key it has already sent.
 */
@Component
public class EmailClient implements OutboxHandler {

    private final Downstream email;

    EmailClient(C4pProperties properties, RestClient.Builder builder, CircuitBreakerFactory<?, ?> breakers) {
        this.email = new Downstream("email-service", properties.email(), builder, breakers);
    }

    @Override
    public Set<OutboxKind> kinds() {
        return Set.of(OutboxKind.RECEIVED_EMAIL, OutboxKind.DECISION_EMAIL, OutboxKind.WITHDRAWAL_EMAIL);
    }

    @Override
    public DeliveryOutcome deliver(OutboxKind kind, String idempotencyKey, String payload) {
        email.post("/emails", idempotencyKey, payload);
        return DeliveryOutcome.DONE;
    }
}

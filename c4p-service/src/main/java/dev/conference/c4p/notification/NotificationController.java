package dev.conference.c4p.notification;

import dev.conference.c4p.outbox.Delivery;
import dev.conference.c4p.outbox.DeliveryStatus;
import dev.conference.c4p.outbox.OutboxStore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The emails of the platform as the outbox knows them: sent, being retried, or refused. */
@RestController
class NotificationController {

    private final OutboxStore outbox;
    private final JsonMapper json;

    NotificationController(OutboxStore outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @GetMapping("/notifications")
    @Transactional(readOnly = true)
    NotificationPage list(@RequestParam(required = false) DeliveryStatus status,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        long total = outbox.countEmailEvents(status);
        List<NotificationView> items = outbox.emailEvents(status, page * size, size).stream()
                .map(this::view)
                .toList();
        return new NotificationPage(items, page, size, total, (int) ((total + size - 1) / size));
    }

    private NotificationView view(OutboxStore.EmailEvent event) {
        EmailMessage message = json.readValue(event.payload(), EmailMessage.class);
        Delivery delivery = event.delivery();
        return new NotificationView(event.id(), event.proposalId(), message.template(), message.to(),
                message.proposalTitle(), delivery.status(), delivery.attempts(), delivery.lastError(),
                event.createdAt(), delivery.nextAttemptAt(), delivery.deliveredAt());
    }
}

package dev.conference.platform;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A downstream outage during decisions loses nothing: the outbox delivers once it is back. */
class FaultToleranceTest extends PlatformTest {

    @Test
    void agendaServiceDownWhileDecidingThenUpPutsTheTalkOnTheAgendaWithoutFurtherAction() {
        String id = submit("Survives outages", newSpeakerEmail());
        platform.agenda.stop();
        try {
            assertThat(decide(id, "APPROVED").getStatusCode().value()).isEqualTo(200);

            eventually(Duration.ofSeconds(20), () -> deliveryOf(id, "AGENDA_ENTRY", "lastError") != null,
                    "the failed attempt is visible");
            assertThat((String) deliveryOf(id, "AGENDA_ENTRY", "status")).isEqualTo("PENDING");
        } finally {
            platform.agenda.start().awaitReady(Duration.ofSeconds(90));
        }

        eventually(Duration.ofSeconds(30), () -> agendaItemIdsFor(id).size() == 1, "the talk reached the agenda");
        // The relay records DELIVERED after agenda-service answered, so the item can be visible a moment before.
        eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(deliveryOf(id, "AGENDA_ENTRY", "status")),
                "the delivery is recorded");
        assertThat(agendaItemIdsFor(id)).hasSize(1);
    }

    @Test
    void smtpDownThenUpDeliversTheEmailOnce() throws Exception {
        String speaker = newSpeakerEmail();
        platform.smtp.stop();
        String id;
        try {
            id = submit("Mail will come", speaker);
            eventually(Duration.ofSeconds(20), () -> deliveryOf(id, "RECEIVED_EMAIL", "lastError") != null,
                    "the failed attempt is visible");
            assertThat((String) deliveryOf(id, "RECEIVED_EMAIL", "status")).isEqualTo("PENDING");
        } finally {
            platform.smtp.start();
        }

        eventually(Duration.ofSeconds(30), () -> platform.smtp.messagesTo(speaker).size() == 1, "the email arrived");
        // DELIVERED is written after the SMTP server took the message, and a delivered event is never sent again.
        eventually(Duration.ofSeconds(10), () -> "DELIVERED".equals(deliveryOf(id, "RECEIVED_EMAIL", "status")),
                "the delivery is recorded");
        assertThat(platform.smtp.messagesTo(speaker)).hasSize(1);
    }
}

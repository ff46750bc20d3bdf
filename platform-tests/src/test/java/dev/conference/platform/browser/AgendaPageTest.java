package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The agenda page keeps working while agenda-service is down, and says so. */
class AgendaPageTest extends BrowserTest {

    @Test
    void agendaPageShowsTheLastKnownAgendaWithABannerWhileAgendaServiceIsDown() {
        String title = unique("Offline-first schedules");
        String id = submit(title, newSpeakerEmail());
        decide(id, "APPROVED");
        String day = agendaDayOf(id);
        talkOnAgendaPage(title, day, false);

        platform.agenda.stop();
        try {
            talkOnAgendaPage(title, day, true);
            assertThat(browser.find("#stale").getText()).contains("last known agenda");
            browser.screenshot("agenda-stale");
        } finally {
            platform.agenda.start().awaitReady(Duration.ofSeconds(90));
        }

        // Back to fresh answers once the gateway's circuit breaker lets calls through again.
        talkOnAgendaPage(title, day, false);
    }
}

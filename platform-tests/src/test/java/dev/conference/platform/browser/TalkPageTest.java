package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Each talk has a page of its own, linked from the agenda, with its star. */
class TalkPageTest extends BrowserTest {

    @Test
    void eachAgendaItemLinksToItsPageWhichShowsTheTalkAndStarsIt() {
        Talk talk = approvedTalk(unique("Talk with a permalink"), null, null, null);
        String item = agendaItem(talk);
        forgetMySchedule();
        talkOnAgendaPage(talk.title(), talk.day(), false).findElement(By.cssSelector(".talk-title a")).click();

        browser.waitUntil("the talk's page shows it", d -> d.findElement(By.id("talk-title")).getText().equals(talk.title()));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(browser.url("/talks/" + talk.itemId()));
        assertThat(browser.driver.getTitle()).startsWith(talk.title());
        String page = browser.find("#talk").getText();
        assertThat(page).contains("Grace Hopper", "What we learned, and what we would do again.", roomOf(talk),
                JsonPath.read(item, "$.startTime") + "–" + JsonPath.read(item, "$.endTime"), "Talk", "Not stated");
        browser.screenshot("talk");

        browser.find("#talk .star").click();
        browser.visible("#talk .star[aria-pressed='true']");
        browser.open("/schedule");
        browser.visible(".my-talk[data-item='" + talk.itemId() + "']");
    }

    @Test
    void anUnknownTalkSaysSo() {
        for (String id : new String[] {"00000000-0000-4000-8000-000000000000", "not-an-id"}) {
            browser.open("/talks/" + id);
            browser.waitUntil("the page says there is no such talk",
                    d -> d.findElement(By.id("talk-title")).getText().equals("Talk not found"));
            assertThat(browser.find("#talk-status").getText()).contains("No talk on the agenda has this address");
        }
    }

    /** Needs agenda-service's format, level and speakerBio (issue 14). */
    @Test
    void theTalksPageShowsTheSpeakersBioFormatAndLevel() {
        Talk talk = approvedTalk(unique("Talk with a bio"), "WORKSHOP", "ADVANCED", "Grace wrote the first compiler.\nShe also found a bug.");
        browser.open("/talks/" + talk.itemId());
        browser.waitUntil("the talk's page shows it", d -> d.findElement(By.id("talk-title")).getText().equals(talk.title()));

        assertThat(browser.find(".speaker-bio").getText()).isEqualTo("Grace wrote the first compiler.\nShe also found a bug.");
        assertThat(browser.find("#talk .talk-badges").getText()).isEqualTo("Workshop Advanced");
        assertThat(browser.find("#talk .facts").getText()).contains("Workshop", "Advanced");
    }
}

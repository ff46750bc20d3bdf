package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Every page, in each of its states, has no WCAG 2.1 A/AA violation that axe-core finds (each found one is named with
 * its impact and the elements concerned).
 */
class AccessibilityTest extends BrowserTest {

    /** The check itself can fail: elements planted in a page that break WCAG rules are reported, by rule. */
    @Test
    void axeReportsViolationsPlantedInAPage() {
        browser.open("/submit");
        browser.visible("#proposal-form");
        browser.script("""
                const image = document.createElement('img');
                image.src = '/favicon.svg';
                const field = document.createElement('input');
                field.type = 'text';
                document.querySelector('main').append(image, field);
                """);
        assertThat(Axe.violations(browser)).extracting(Axe.Violation::id).contains("image-alt", "label");
    }

    @Test
    void agendaFilteredAndWithAStarredTalk() {
        Talk talk = approvedTalk(unique("Accessible agendas"), null, null, null);
        forgetMySchedule();
        WebElement card = talkOnAgendaPage(talk.title(), talk.day(), false);
        assertAccessible("the agenda");

        card.findElement(By.className("star")).click();
        browser.waitUntil("the talk is starred", d -> "true".equals(
                d.findElement(By.cssSelector(".talk[data-item='" + talk.itemId() + "'] .star")).getDomAttribute("aria-pressed")));
        browser.open("/?day=" + talk.day() + "&format=TALK&room=" + java.net.URLEncoder.encode(roomOf(talk),
                java.nio.charset.StandardCharsets.UTF_8));
        browser.visible(".talk[data-item='" + talk.itemId() + "'] .star[aria-pressed='true']");
        assertAccessible("the agenda, filtered, with a starred talk");

        browser.open("/?day=" + talk.day() + "&format=WORKSHOP&level=ADVANCED&room=nowhere");
        browser.visible("#schedule h2");
        assertAccessible("the agenda with filters nothing matches");
    }

    @Test
    void myScheduleEmptyAndFilled() {
        Talk talk = approvedTalk(unique("Accessible schedules"), null, null, null);
        forgetMySchedule();
        browser.open("/schedule");
        browser.visible(".empty-state");
        assertAccessible("My schedule, empty");

        talkOnAgendaPage(talk.title(), talk.day(), false).findElement(By.className("star")).click();
        browser.waitUntil("the talk is starred", d -> "true".equals(
                d.findElement(By.cssSelector(".talk[data-item='" + talk.itemId() + "'] .star")).getDomAttribute("aria-pressed")));
        browser.open("/schedule");
        browser.visible(".my-talk[data-item='" + talk.itemId() + "']");
        browser.visible("#subscribe");
        assertAccessible("My schedule with a talk");
    }

    @Test
    void talkPageAndAnUnknownTalk() {
        Talk talk = approvedTalk(unique("Accessible talk pages"), null, null, null);
        browser.open("/talks/" + talk.itemId());
        browser.waitUntil("the talk page shows the talk", d -> d.findElement(By.id("talk-title")).getText().equals(talk.title()));
        assertAccessible("a talk's page");

        browser.open("/talks/00000000-0000-4000-8000-000000000000");
        browser.waitUntil("the page says the talk is unknown", d -> d.findElement(By.id("talk-title")).getText().equals("Talk not found"));
        assertAccessible("the page of an unknown talk");
    }

    @Test
    void submitEmptyWithErrorsAndSent() {
        browser.open("/submit");
        browser.visible("#proposal-form");
        assertAccessible("the empty proposal form");

        sendProposalForm();
        browser.visible("#title-error");
        assertAccessible("the proposal form with errors");

        submitOnThePage(unique("Accessible forms"), "Labels, legends and live regions.", "Ada Lovelace", newSpeakerEmail());
        browser.visible("#confirmation");
        assertAccessible("the proposal's confirmation");
    }

    @Test
    void trackingAPendingProposalWithItsEditForm() {
        Talk proposal = pendingProposal(unique("Accessible tracking"), null, null, null);
        browser.open("/track/" + proposal.trackingToken());
        browser.visible("#edit-form");
        browser.visible("#withdraw");
        assertAccessible("a pending proposal with its edit form");

        browser.open("/track/not-a-token");
        browser.visible("#tracked .notice-error");
        assertAccessible("an unknown tracking link");
    }

    /** Needs c4p-service's withdrawal (issue 14). */
    @Test
    void trackingAWithdrawnProposal() {
        Talk proposal = pendingProposal(unique("Accessible withdrawals"), null, null, null);
        assertThat(c4p.post().uri("/proposals/track/{token}/withdrawal", proposal.trackingToken()).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("withdrawal").isEqualTo(200);
        browser.open("/track/" + proposal.trackingToken());
        browser.waitUntil("the page shows the withdrawal",
                d -> d.findElement(By.cssSelector("#tracked .badge")).getText().equals("WITHDRAWN"));
        assertAccessible("a withdrawn proposal");
    }

    @Test
    void backOfficeLoginAndOffice() {
        browser.open("/admin");
        WebElement shown = browser.visible("#login:not([hidden]), #office:not([hidden])");
        if ("login".equals(shown.getDomAttribute("id"))) {
            assertAccessible("the organizers' login");
        }
        logInAsOrganizer();
        assertAccessible("the back office's proposals");
        browser.find("#tab-emails").click();
        browser.visible("#panel-emails");
        browser.waitUntil("the emails are listed", d -> !d.findElements(By.cssSelector("#email-rows tr")).isEmpty());
        assertAccessible("the back office's emails");
        browser.find("#tab-agenda").click();
        browser.visible("#panel-agenda");
        browser.waitUntil("the agenda is listed", d -> !d.findElements(By.cssSelector("#agenda-list > *")).isEmpty());
        assertAccessible("the back office's agenda");
    }
}

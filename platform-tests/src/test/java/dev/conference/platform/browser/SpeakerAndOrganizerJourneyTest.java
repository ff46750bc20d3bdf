package dev.conference.platform.browser;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/** A speaker proposes a talk, an organizer approves it, attendees see it: in a real browser, through the frontend. */
class SpeakerAndOrganizerJourneyTest extends BrowserTest {

    @Test
    void speakerSubmitsOrganizerApprovesAndTheTalkIsOnTheAgendaAndInTheSpeakersInbox() throws Exception {
        String title = unique("Designing for failure");
        String speaker = newSpeakerEmail();

        fillInProposalForm(title, "How we keep a conference site up while its services come and go.", "Grace Hopper",
                speaker);
        browser.screenshot("submit");
        sendProposalForm();

        WebElement confirmation = browser.visible("#confirmation");
        assertThat(confirmation.getText()).contains("Thank you! Your proposal is in.", title, speaker);
        assertThat(browser.find("#proposal-form").isDisplayed()).isFalse();
        String trackingLink = browser.find("#confirmation .tracking-link a").getDomProperty("href");
        assertThat(trackingLink).startsWith(browser.url("/track/"));
        browser.screenshot("submit-confirmation");

        browser.find("#confirmation .tracking-link a").click();
        browser.waitUntil("the tracking page shows the proposal",
                d -> d.findElement(By.cssSelector("#tracked h2")).getText().equals(title));
        assertThat(browser.find("#tracked .badge").getText()).isEqualTo("PENDING");
        browser.screenshot("track-pending");

        logInAsOrganizer();
        browser.screenshot("admin-proposals");
        WebElement card = proposalCard("PENDING", title, title);
        card.findElement(By.xpath(".//button[normalize-space()='Details']")).click();
        WebElement approve = browser.waitUntil("the Approve button is shown",
                d -> card.findElement(By.xpath(".//button[normalize-space()='Approve']")));
        approve.click();
        WebElement dialog = browser.visible("dialog[open]");
        assertThat(dialog.getText()).contains("Approve “" + title + "” by Grace Hopper?");
        browser.screenshot("admin-confirm-approval");
        dialog.findElement(By.xpath(".//button[normalize-space()='Approve']")).click();

        browser.waitUntil("the approval is confirmed",
                d -> d.findElement(By.id("office-notice")).getText().equals(title + ": approved and scheduled."));
        browser.waitUntil("the details show the decision", d -> card.getText().contains("APPROVED by olivia"));
        browser.screenshot("admin-approved");

        String day = agendaDayOf(proposalIdMatching(title));
        WebElement talk = talkOnAgendaPage(title, day, false);
        assertThat(talk.findElement(By.className("talk-speaker")).getText()).isEqualTo("Grace Hopper");
        browser.screenshot("agenda");

        eventually(Duration.ofSeconds(20), () -> platform.smtp.messagesTo(speaker).size() == 2,
                "the received and the accepted email arrived");
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : platform.smtp.messagesTo(speaker)) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).anyMatch(s -> s.contains("received")).anyMatch(s -> s.contains("accepted"));

        browser.driver.get(trackingLink);
        browser.waitUntil("the tracking page says the talk is approved",
                d -> d.findElement(By.cssSelector("#tracked .badge")).getText().equals("APPROVED"));
        browser.screenshot("track-approved");
    }

    @Test
    void everyPageFitsAPhoneScreen() {
        String created = c4p.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON).body("""
                {"title":"%s","abstract":"Small screens, big schedules.","speakerName":"Ada Lovelace","speakerEmail":"%s"}
                """.formatted(unique("Conference sites on a phone"), newSpeakerEmail())).retrieve().body(String.class);
        String token = JsonPath.read(created, "$.trackingToken");
        decide(JsonPath.read(created, "$.id"), "APPROVED");
        browser.use(Browser.Screen.PHONE);

        record Page(String name, String path, String shownWhenLoaded) { }
        for (Page page : List.of(
                new Page("agenda", "/", "#schedule .talk"),
                new Page("submit", "/submit", "#proposal-form"),
                new Page("admin", "/admin", "#login:not([hidden]), #office:not([hidden])"),
                new Page("track", "/track/" + token, "#tracked h2"))) {
            browser.reloadUntil(page.name() + " page is loaded", page.path(), Duration.ofSeconds(20),
                    d -> d.findElements(By.cssSelector(page.shownWhenLoaded())).stream().anyMatch(WebElement::isDisplayed));
            assertThat(((Number) browser.script("return window.innerWidth")).intValue()).isEqualTo(390);
            assertThat(browser.horizontalOverflow()).as("sideways scrolling needed on %s", page.path()).isZero();
            browser.screenshot(page.name());
        }
    }
}

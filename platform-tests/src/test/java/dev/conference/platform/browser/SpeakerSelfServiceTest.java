package dev.conference.platform.browser;

import static dev.conference.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A speaker gives a proposal's format, level and bio, changes it while it is pending and withdraws it, on the pages.
 * All of these need c4p-service's issue-14 API (formats, edits, withdrawals).
 */
class SpeakerSelfServiceTest extends BrowserTest {

    @Test
    void theSubmitFormSendsFormatLevelAndBio() {
        String title = unique("Workshop from the form");
        fillInProposalForm(title, "Two slots of hands-on work.", "Ada Lovelace", newSpeakerEmail());
        assertThat(browser.find("input[name=format][value=TALK]").isSelected()).as("a talk unless said otherwise").isTrue();
        browser.find("input[name=format][value=WORKSHOP]").click();
        new Select(browser.find("#level")).selectByValue("INTERMEDIATE");
        browser.type("#speakerBio", "Ada writes programs\nfor engines.");
        assertThat(browser.find("#speakerBio-count").getText()).isEqualTo("32 of 1000 used.");
        sendProposalForm();
        browser.visible("#confirmation");

        String proposal = c4p.get().uri("/proposals/{id}", proposalIdMatching(title)).retrieve().body(String.class);
        assertThat(JsonPath.<String>read(proposal, "$.format")).isEqualTo("WORKSHOP");
        assertThat(JsonPath.<String>read(proposal, "$.level")).isEqualTo("INTERMEDIATE");
        assertThat(JsonPath.<String>read(proposal, "$.speakerBio")).isEqualTo("Ada writes programs\nfor engines.");

        browser.find("#confirmation .tracking-link a").click();
        browser.waitUntil("the tracking page shows the proposal", d -> d.findElement(By.cssSelector("#tracked h2")).getText().equals(title));
        assertThat(browser.find("#tracked .facts").getText()).contains("Workshop", "Intermediate");
        assertThat(browser.find("#tracked .speaker-bio").getText()).isEqualTo("Ada writes programs\nfor engines.");
    }

    @Test
    void aSpeakerChangesAPendingProposalAndSeesTheFieldErrorsOfABadChange() {
        Talk proposal = pendingProposal(unique("Before the change"), null, null, null);
        browser.open("/track/" + proposal.trackingToken());
        browser.visible("#edit-form");
        assertThat(browser.find("#title").getDomProperty("value")).isEqualTo(proposal.title());

        browser.type("#title", "");
        browser.find("#edit-form button[type=submit]").click();
        browser.waitUntil("the title's error is shown", d -> !d.findElement(By.id("title-error")).getText().isEmpty());
        assertThat(browser.find("#title").getDomAttribute("aria-invalid")).isEqualTo("true");

        String changed = unique("After the change");
        browser.type("#title", changed);
        browser.find("#edit-form input[name=format][value=WORKSHOP]").click();
        new Select(browser.find("#level")).selectByValue("ADVANCED");
        browser.type("#speakerBio", "A new bio.");
        browser.find("#edit-form button[type=submit]").click();
        browser.waitUntil("the change is saved", d -> d.findElement(By.id("track-message")).getText().equals("Your changes are saved."));
        assertThat(browser.find("#tracked h2").getText()).isEqualTo(changed);
        assertThat(browser.find("#tracked .facts").getText()).contains("Workshop", "Advanced");

        String tracked = c4p.get().uri("/proposals/track/{token}", proposal.trackingToken()).retrieve().body(String.class);
        assertThat(JsonPath.<String>read(tracked, "$.title")).isEqualTo(changed);
        assertThat(JsonPath.<String>read(tracked, "$.speakerBio")).isEqualTo("A new bio.");
    }

    @Test
    void aChangeAfterTheDecisionIsRefusedAndTheFormGoes() {
        Talk proposal = pendingProposal(unique("Decided meanwhile"), null, null, null);
        browser.open("/track/" + proposal.trackingToken());
        browser.visible("#edit-form");
        decide(proposal.proposalId(), "APPROVED");

        browser.type("#title", unique("Too late"));
        browser.find("#edit-form button[type=submit]").click();
        browser.waitUntil("the page says it can no longer be changed",
                d -> d.findElement(By.id("track-message")).getText().contains("can no longer be changed"));
        assertThat(browser.find("#tracked .badge").getText()).isEqualTo("APPROVED");
        assertThat(browser.find("#edit-form").isDisplayed()).isFalse();
    }

    @Test
    void aSpeakerWithdrawsAnApprovedTalkAfterConfirmingAndItLeavesTheAgenda() {
        Talk talk = approvedTalk(unique("Withdrawn talk"), null, null, null);
        browser.open("/track/" + talk.trackingToken());
        browser.waitUntil("the tracking page says approved", d -> d.findElement(By.cssSelector("#tracked .badge")).getText().equals("APPROVED"));
        assertThat(browser.find("#edit-form").isDisplayed()).as("no edits once approved").isFalse();

        browser.visible("#withdraw-button").click();
        WebElement dialog = browser.visible("dialog[open]");
        assertThat(dialog.getText()).contains("Withdraw “" + talk.title() + "”?");
        dialog.findElement(By.xpath(".//button[normalize-space()='Cancel']")).click();
        assertThat(browser.find("#tracked .badge").getText()).isEqualTo("APPROVED");

        browser.find("#withdraw-button").click();
        browser.visible("dialog[open]").findElement(By.xpath(".//button[normalize-space()='Withdraw']")).click();
        browser.waitUntil("the proposal is withdrawn", d -> d.findElement(By.cssSelector("#tracked .badge")).getText().equals("WITHDRAWN"));
        assertThat(browser.find("#tracked").getText()).contains("You withdrew this proposal", "Withdrawn");
        assertThat(browser.find("#withdraw").isDisplayed()).isFalse();
        browser.screenshot("track-withdrawn");

        eventually(Duration.ofSeconds(20), () -> agendaItemIdsFor(talk.proposalId()).isEmpty(), "the talk left the agenda");
        browser.open("/track/" + talk.trackingToken());
        browser.waitUntil("a withdrawn proposal stays withdrawn", d -> d.findElement(By.cssSelector("#tracked .badge")).getText().equals("WITHDRAWN"));
    }
}

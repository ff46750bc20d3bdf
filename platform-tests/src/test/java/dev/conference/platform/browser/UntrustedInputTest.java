package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** What speakers type reaches other people's pages only as text, and mistakes are explained where they are. */
class UntrustedInputTest extends BrowserTest {

    @Test
    void aTitleWithMarkupIsShownAsTextOnEveryPageAndNeverRuns() {
        String marker = "inert-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "<script>alert(1)</script><img src=x onerror=alert(2)> " + marker;

        submitOnThePage(title, "<b>not bold</b>", "Mallory", newSpeakerEmail());
        browser.visible("#confirmation");
        assertThat(browser.find("#confirmation strong").getText()).isEqualTo(title);
        assertNothingRan("#confirmation");
        browser.screenshot("submit-confirmation-markup");

        logInAsOrganizer();
        WebElement card = proposalCard("PENDING", marker, title);
        assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo(title);
        assertNothingRan("#proposal-list");

        String id = proposalIdMatching(marker);
        decide(id, "APPROVED");
        WebElement talk = talkOnAgendaPage(title, agendaDayOf(id), false);
        assertThat(talk.findElement(By.className("talk-title")).getText()).isEqualTo(title);
        assertNothingRan("#schedule");
        browser.screenshot("agenda-markup");
    }

    @Test
    void invalidInputGetsAMessageNextToEachWrongFieldAndNothingIsSaved() {
        String speakerName = unique("Ada");

        submitOnThePage(" ", " ", speakerName, "not-an-email");

        browser.waitUntil("the form says what to correct",
                d -> d.findElement(By.id("form-message")).getText().equals("Please correct the fields marked below."));
        for (String field : List.of("title", "abstract", "speakerEmail")) {
            WebElement error = browser.find("#" + field + "-error");
            assertThat(error.getText()).as("error of %s", field).isNotBlank();
            assertThat(error.findElement(By.xpath("..")).findElements(By.id(field)))
                    .as("the error of %s is in the field's own box", field).hasSize(1);
            assertThat(browser.find("#" + field).getDomAttribute("aria-invalid")).isEqualTo("true");
        }
        assertThat(browser.find("#speakerName-error").getText()).isEmpty();
        assertThat(browser.find("#speakerName").getDomAttribute("aria-invalid")).isNull();
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("aria-invalid"))
                .as("the focus is on a field to correct").isEqualTo("true");
        browser.screenshot("submit-errors");
        String none = c4p.get().uri("/proposals?q={q}", speakerName).retrieve().body(String.class);
        assertThat(JsonPath.<Integer>read(none, "$.totalItems")).as("proposals saved").isZero();

        browser.type("#title", "Errors people can fix");
        browser.type("#abstract", "Forms that say what is wrong, and where.");
        browser.type("#speakerEmail", newSpeakerEmail());
        sendProposalForm();

        browser.visible("#confirmation");
        assertThat(proposalIdMatching(speakerName)).isNotBlank();
    }

    /** No alert opened, and no element came out of the text. */
    private void assertNothingRan(String container) {
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findAll(container + " script, " + container + " img")).isEmpty();
    }
}

package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The agenda's filters by day, room, format and level, kept in the address so that a filtered view is a link. */
class AgendaFiltersTest extends BrowserTest {

    @Test
    void filtersAreInTheAddressAndTheAddressShowsTheSameView() {
        Talk talk = approvedTalk(unique("Filtered talk"), null, null, null);
        String room = roomOf(talk);
        talkOnAgendaPage(talk.title(), talk.day(), false);
        String card = ".talk[data-item='" + talk.itemId() + "']";

        new Select(browser.find("#filter-room")).selectByValue(room);
        browser.waitUntil("the address has the room", d -> d.getCurrentUrl().contains("room=" + URLEncoder.encode(room, StandardCharsets.UTF_8)));
        browser.visible(card);
        assertThat(browser.findAll("#schedule .talk-room")).allSatisfy(label -> assertThat(label.getDomProperty("textContent")).startsWith(room + " ·"));

        new Select(browser.find("#filter-format")).selectByValue("WORKSHOP");
        browser.waitUntil("a talk without a format is no workshop", d -> d.findElements(By.cssSelector(card)).isEmpty());
        String filtered = browser.driver.getCurrentUrl();
        assertThat(filtered).contains("day=" + talk.day()).contains("format=WORKSHOP");

        browser.driver.get(filtered);
        browser.visible("#schedule h2");
        assertThat(new Select(browser.find("#filter-room")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo(room);
        assertThat(new Select(browser.find("#filter-format")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("WORKSHOP");
        assertThat(browser.findAll(card)).isEmpty();

        new Select(browser.find("#filter-format")).selectByValue("TALK");
        browser.visible(card);
        new Select(browser.find("#filter-level")).selectByValue("BEGINNER");
        browser.waitUntil("a talk without a level matches no level", d -> d.findElements(By.cssSelector(card)).isEmpty());

        browser.find("#filters-clear").click();
        browser.visible(card);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/?day=" + talk.day());
    }

    @Test
    void eachTalkShowsItsFormatAndItsRealEndTime() {
        Talk talk = approvedTalk(unique("Plain talk"), null, null, null);
        String item = agendaItem(talk);
        WebElement card = talkOnAgendaPage(talk.title(), talk.day(), false);

        assertThat(card.findElement(By.className("talk-room")).getDomProperty("textContent"))
                .isEqualTo(roomOf(talk) + " · " + JsonPath.read(item, "$.startTime") + "–" + JsonPath.read(item, "$.endTime"));
        assertThat(card.findElement(By.className("talk-badges")).getText()).isEqualTo("Talk");
    }

    /** Needs agenda-service's formats and levels (issue 14). */
    @Test
    void aWorkshopShowsItsBadgesAndTwoSlotsAndTheFormatAndLevelFiltersFindIt() {
        Talk workshop = approvedTalk(unique("Hands-on workshop"), "WORKSHOP", "BEGINNER", "Teaches workshops.");
        String item = agendaItem(workshop);
        assertThat(JsonPath.<String>read(item, "$.format")).isEqualTo("WORKSHOP");
        String card = ".talk[data-item='" + workshop.itemId() + "']";
        // The site may answer from its one-second copy of the agenda taken before the workshop was placed.
        talkOnAgendaPage(workshop.title(), workshop.day(), false);

        browser.open("/?day=" + workshop.day() + "&format=WORKSHOP&level=BEGINNER");
        WebElement shown = browser.visible(card);
        assertThat(shown.findElement(By.className("talk-badges")).getText()).isEqualTo("Workshop Beginner");
        assertThat(shown.findElement(By.className("talk-room")).getDomProperty("textContent"))
                .endsWith(JsonPath.read(item, "$.startTime") + "–" + JsonPath.read(item, "$.endTime"));
        assertThat(browser.findAll("#schedule .talk-badges")).allSatisfy(badges -> assertThat(badges.getText()).isEqualTo("Workshop Beginner"));

        browser.open("/?day=" + workshop.day() + "&level=ADVANCED");
        browser.visible("#schedule h2");
        assertThat(browser.findAll(card)).isEmpty();
        browser.open("/?day=" + workshop.day() + "&format=TALK");
        browser.visible("#schedule h2");
        assertThat(browser.findAll(card)).isEmpty();
    }
}

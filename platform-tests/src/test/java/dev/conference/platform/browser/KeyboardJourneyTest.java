package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** An attendee who uses only the keyboard stars a talk and finds it in My schedule; focus is always visible. */
class KeyboardJourneyTest extends BrowserTest {

    private static final int MOST_STOPS = 600;

    @Test
    void anAttendeeStarsATalkAndFindsItInMyScheduleWithTheKeyboardOnly() {
        Talk talk = approvedTalk(unique("Keyboard-friendly talk"), null, null, null);
        forgetMySchedule();
        talkOnAgendaPage(talk.title(), talk.day(), false);
        browser.open("/?day=" + talk.day());
        browser.visible(".talk[data-item='" + talk.itemId() + "'] .star");
        String star = "Star “" + talk.title() + "”";

        List<String> stops = new ArrayList<>();
        while (!stops.contains(star)) {
            assertThat(stops).as("tab stops before the talk's star").hasSizeLessThan(MOST_STOPS);
            press(Keys.TAB);
            stops.add(focusedName());
            assertThat(focusIsVisible()).as("the focus on %s is visible", stops.getLast()).isTrue();
        }
        assertThat(stops.getFirst()).isEqualTo("Skip to content");
        assertThat(stops).containsSubsequence("Skip to content", "Agenda", "My schedule", "Propose a talk", "Organizers",
                "Room", "Format", "Level", talk.title(), star);

        press(Keys.SPACE);
        browser.waitUntil("the star is on", d -> "true".equals(d.switchTo().activeElement().getDomAttribute("aria-pressed")));

        for (int i = 0; !"My schedule".equals(focusedName()); i++) {
            assertThat(i).as("shift-tab stops back to the navigation").isLessThan(MOST_STOPS);
            new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        }
        press(Keys.ENTER);
        browser.waitUntil("My schedule is open", d -> d.getCurrentUrl().equals(browser.url("/schedule")));
        browser.waitUntil("My schedule lists the talk", d -> d.findElements(By.cssSelector(".my-talk .talk-title"))
                .stream().anyMatch(title -> title.getText().equals(talk.title())));
    }

    private static void press(CharSequence key) {
        new Actions(browser.driver).sendKeys(key).perform();
    }

    /** The focused element's accessible name as the page gives it: aria-label, its label, or its text. */
    private static String focusedName() {
        return (String) browser.script("""
                const e = document.activeElement;
                if (!e || e === document.body) return '';
                if (e.getAttribute('aria-label')) return e.getAttribute('aria-label');
                if (e.labels && e.labels.length) return e.labels[0].textContent.trim();
                return e.textContent.trim();
                """);
    }

    private static boolean focusIsVisible() {
        return (Boolean) browser.script("""
                const e = document.activeElement;
                const style = getComputedStyle(e);
                return e.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                """);
    }
}

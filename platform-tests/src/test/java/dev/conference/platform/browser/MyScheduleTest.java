package dev.conference.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Stars on the agenda make My schedule, whose calendar feed holds exactly the starred talks. */
class MyScheduleTest extends BrowserTest {

    private static final String TOKEN_KEY = "conference.schedule-token";

    @Test
    void starredTalksAreInMyScheduleInAgendaOrderAndItsFeedHoldsExactlyThem() throws Exception {
        Talk first = approvedTalk(unique("Starred first"), null, null, null);
        Talk second = approvedTalk(unique("Starred second"), null, null, null);
        Talk notStarred = approvedTalk(unique("Not starred"), null, null, null);
        forgetMySchedule();

        talkOnAgendaPage(first.title(), first.day(), false);
        assertThat(browser.script("return localStorage.getItem(arguments[0])", TOKEN_KEY)).as("no schedule before a star").isNull();
        starOnTheAgenda(first, true);
        String token = (String) browser.script("return localStorage.getItem(arguments[0])", TOKEN_KEY);
        assertThat(token).as("the schedule made on the first star").isNotBlank();
        talkOnAgendaPage(second.title(), second.day(), false);
        starOnTheAgenda(second, true);
        talkOnAgendaPage(notStarred.title(), notStarred.day(), false);
        assertThat(browser.find(".talk[data-item='" + notStarred.itemId() + "'] .star").getDomAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.find(".talk[data-item='" + notStarred.itemId() + "'] .star").getDomAttribute("aria-label"))
                .isEqualTo("Star “" + notStarred.title() + "”");
        browser.open("/?day=" + first.day());
        browser.visible(".talk[data-item='" + first.itemId() + "'] .star[aria-pressed='true']");

        browser.open("/schedule");
        browser.visible(".my-talk");
        assertThat(browser.findAll(".my-talk").stream().map(card -> card.getDomAttribute("data-item")).toList())
                .as("My schedule in agenda order").containsExactlyElementsOf(inAgendaOrder(first, second));
        browser.screenshot("my-schedule");
        String feed = browser.find("#feed-link").getDomProperty("href");
        assertThat(feed).isEqualTo(browser.url("/api/schedules/" + token + ".ics"));
        assertThat(browser.find("#feed-link").getText()).isEqualTo(feed);
        assertThat(browser.find("#webcal-link").getDomAttribute("href")).isEqualTo(feed.replaceFirst("^https?:", "webcal:"));
        assertThat(uidsIn(feed)).as("the feed's talks").containsExactlyInAnyOrder(first.itemId(), second.itemId());

        WebElement remove = browser.find(".my-talk[data-item='" + first.itemId() + "'] .remove");
        assertThat(remove.getDomAttribute("aria-label")).isEqualTo("Remove “" + first.title() + "” from my schedule");
        remove.click();
        browser.waitUntil("the removed talk is gone", d -> d.findElements(By.cssSelector(".my-talk[data-item='" + first.itemId() + "']")).isEmpty());
        assertThat(uidsIn(feed)).as("the feed's talks after a removal").containsExactly(second.itemId());

        browser.find(".my-talk[data-item='" + second.itemId() + "'] .remove").click();
        browser.visible(".empty-state");
        assertThat(uidsIn(feed)).isEmpty();
        browser.open("/schedule");
        browser.visible(".empty-state");
        assertThat(browser.find("#subscribe").isDisplayed()).as("the feed of the schedule, empty now").isTrue();
    }

    @Test
    void withoutAScheduleMySchedulePageSaysHowToMakeOne() {
        forgetMySchedule();
        browser.open("/schedule");
        WebElement empty = browser.visible(".empty-state");
        assertThat(empty.getText()).contains("No talks starred yet");
        assertThat(browser.find("#subscribe").isDisplayed()).isFalse();
        assertThat(browser.find("nav a[href='/schedule']").getDomAttribute("aria-current")).isEqualTo("page");
    }

    @Test
    void anExpiredScheduleIsReplacedOnTheNextStar() {
        Talk talk = approvedTalk(unique("Starred again"), null, null, null);
        forgetMySchedule();
        browser.script("localStorage.setItem(arguments[0], arguments[1])", TOKEN_KEY, "AAAAAAAAAAAAAAAAAAAAAA");

        talkOnAgendaPage(talk.title(), talk.day(), false);
        starOnTheAgenda(talk, true);

        String token = (String) browser.script("return localStorage.getItem(arguments[0])", TOKEN_KEY);
        assertThat(token).isNotEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        String schedule = agenda.get().uri("/schedules/{token}", token).retrieve().body(String.class);
        assertThat(JsonPath.<List<String>>read(schedule, "$.talks[*].id")).containsExactly(talk.itemId());
    }

    private List<String> inAgendaOrder(Talk... talks) {
        Set<String> wanted = java.util.Arrays.stream(talks).map(Talk::itemId).collect(Collectors.toSet());
        List<String> all = JsonPath.read(agenda.get().uri("/agenda-items").retrieve().body(String.class), "$[*].id");
        return all.stream().filter(wanted::contains).toList();
    }

    /** The agenda item ids of a calendar feed's events (UID: {id}@{domain}). */
    private static List<String> uidsIn(String feed) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> ics = http.send(HttpRequest.newBuilder(URI.create(feed)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ics.statusCode()).as(ics.body()).isEqualTo(200);
            return ics.body().lines().filter(line -> line.startsWith("UID:"))
                    .map(line -> line.substring("UID:".length()).replaceFirst("@.*$", "")).toList();
        }
    }
}

package dev.conference.platform.browser;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.PlatformTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Base of the browser tests: one headless chromium per test class, on the real frontend of the
 * shared platform. Every test ends with no script error and no Content Security Policy violation
 * in the page's console.
 */
abstract class BrowserTest extends PlatformTest {

    protected static Browser browser;

    @BeforeAll
    static void startBrowser() {
        Browser.requireInstalled();
        browser = Browser.start(Platform.get().frontend.url());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void onALaptop() {
        browser.use(Browser.Screen.LAPTOP);
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.scriptErrors()).as("script errors and CSP violations in the console").isEmpty();
    }

    protected static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Fills in the proposal form on /submit and sends it. */
    protected void submitOnThePage(String title, String abstractText, String speakerName, String speakerEmail) {
        fillInProposalForm(title, abstractText, speakerName, speakerEmail);
        sendProposalForm();
    }

    protected void fillInProposalForm(String title, String abstractText, String speakerName, String speakerEmail) {
        browser.open("/submit");
        browser.type("#title", title);
        browser.type("#abstract", abstractText);
        browser.type("#speakerName", speakerName);
        browser.type("#speakerEmail", speakerEmail);
    }

    protected void sendProposalForm() {
        browser.find("#proposal-form button[type=submit]").click();
    }

    /** Opens the back office, logging in as the platform's organizer unless the session already is. */
    protected void logInAsOrganizer() {
        logInAs(Platform.ORGANIZER);
    }

    /**
     * Opens the back office, logging in as {@code username} (one of the platform's organizers or its reviewer) unless
     * the session already is; another user logged in is logged out first.
     */
    protected void logInAs(String username) {
        browser.open("/admin");
        WebElement shown = browser.visible("#login:not([hidden]), #office:not([hidden])");
        if ("office".equals(shown.getDomAttribute("id")) && !browser.find("#whoami").getText().equals(username)) {
            browser.find("#logout").click();
            shown = browser.visible("#login:not([hidden])");
        }
        if (!"office".equals(shown.getDomAttribute("id"))) {
            browser.type("#username", username);
            browser.type("#password", platform.passwordOf(username));
            browser.screenshot("admin-login");
            browser.find("#login-form button[type=submit]").click();
            browser.visible("#office");
        }
        assertThat(browser.find("#whoami").getText()).isEqualTo(username);
        browser.waitUntil("the first proposals are listed", d -> !d.findElement(By.id("proposal-count")).getText().isEmpty());
    }

    /** In the back office, the card of the proposal titled {@code title}, the only one found by searching for {@code text}. */
    protected WebElement proposalCard(String status, String text, String title) {
        new Select(browser.visible("#filter-status")).selectByValue(status);
        browser.type("#filter-q", text);
        List<WebElement> shown = browser.waitUntil("the list as it is", d -> d.findElements(By.cssSelector("#proposal-list > *")));
        browser.find("#proposal-filter button[type=submit]").click();
        // The page replaces the list once the search answers; until then the old one may hold the same card.
        browser.waitUntil("the search replaced the list",
                d -> shown.stream().allMatch(element -> ExpectedConditions.stalenessOf(element).apply(d)));
        return browser.waitUntil("the back office lists only \"" + title + "\"", d -> {
            List<WebElement> cards = d.findElements(By.cssSelector("#proposal-list article.proposal"));
            return d.findElement(By.id("proposal-count")).getText().equals("1 proposal") && cards.size() == 1
                    && cards.getFirst().findElement(By.tagName("h3")).getText().equals(title) ? cards.getFirst() : null;
        });
    }

    /** The id of the one proposal whose title, abstract or speaker contains {@code text}. */
    protected String proposalIdMatching(String text) {
        String page = c4p.get().uri("/proposals?q={q}", text).retrieve().body(String.class);
        List<String> ids = JsonPath.read(page, "$.items[*].id");
        assertThat(ids).as("proposals matching %s", text).hasSize(1);
        return ids.getFirst();
    }

    /** The day the proposal's talk was scheduled on, once it is on the agenda. */
    protected String agendaDayOf(String proposalId) {
        eventually(Duration.ofSeconds(20), () -> agendaItemIdsFor(proposalId).size() == 1, "the talk is on the agenda");
        String items = agenda.get().uri("/agenda-items?proposalId={id}", proposalId).retrieve().body(String.class);
        return JsonPath.read(items, "$[0].day");
    }

    /** A talk on the agenda: its proposal, agenda item, day and title. */
    protected record Talk(String proposalId, String itemId, String day, String title, String trackingToken) {
    }

    /**
     * Submits a proposal straight to c4p-service (format, level and speakerBio as given; null leaves one out), approves
     * it and waits until it is on the agenda.
     */
    protected Talk approvedTalk(String title, String format, String level, String speakerBio) {
        Talk pending = pendingProposal(title, format, level, speakerBio);
        makeRoomOnTheAgenda("WORKSHOP".equals(format) ? 2 : 1);
        decide(pending.proposalId(), "APPROVED");
        String day = agendaDayOf(pending.proposalId());
        return new Talk(pending.proposalId(), agendaItemIdsFor(pending.proposalId()).getFirst(), day, title,
                pending.trackingToken());
    }

    /** The agenda item as agenda-service answers it now (JSON). */
    protected String agendaItem(Talk talk) {
        return agenda.get().uri("/agenda-items/{id}", talk.itemId()).retrieve().body(String.class);
    }

    protected String roomOf(Talk talk) {
        return JsonPath.read(agendaItem(talk), "$.room");
    }

    /** Clicks the star of the talk's card on the agenda page shown and waits until it says {@code starred}. */
    protected static void starOnTheAgenda(Talk talk, boolean starred) {
        browser.find(".talk[data-item='" + talk.itemId() + "'] .star").click();
        browser.waitUntil("the star of \"" + talk.title() + "\" is " + (starred ? "on" : "off"), d -> String.valueOf(starred)
                .equals(d.findElement(By.cssSelector(".talk[data-item='" + talk.itemId() + "'] .star")).getDomAttribute("aria-pressed")));
    }

    /** Submits a proposal straight to c4p-service; it stays PENDING. */
    protected Talk pendingProposal(String title, String format, String level, String speakerBio) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", title);
        body.put("abstract", "What we learned, and what we would do again.");
        body.put("speakerName", "Grace Hopper");
        body.put("speakerEmail", newSpeakerEmail());
        if (format != null) {
            body.put("format", format);
        }
        if (level != null) {
            body.put("level", level);
        }
        if (speakerBio != null) {
            body.put("speakerBio", speakerBio);
        }
        org.springframework.http.ResponseEntity<String> created = c4p.post().uri("/proposals")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(String.class);
        assertThat(created.getStatusCode().value()).as("submission: %s", created.getBody()).isEqualTo(201);
        return new Talk(JsonPath.read(created.getBody(), "$.id"), null, null, title,
                JsonPath.read(created.getBody(), "$.trackingToken"));
    }

    /** Asserts that the page as it is now has no WCAG 2.1 A/AA violation axe-core finds, naming each one it finds. */
    protected static void assertAccessible(String state) {
        List<Axe.Violation> violations = Axe.violations(browser);
        assertThat(violations).as("axe-core's WCAG 2.1 A/AA violations on %s (%s):%s", state,
                browser.driver.getCurrentUrl(), Axe.describe(violations)).isEmpty();
    }

    /** Forgets this browser's personal schedule (its token in localStorage): the next star makes a new one. */
    protected static void forgetMySchedule() {
        browser.open("/schedule");
        browser.script("localStorage.clear()");
    }

    /** The talk's card on the agenda page of its day, reloading the page until the card is there. */
    protected WebElement talkOnAgendaPage(String title, String day, boolean stale) {
        return browser.reloadUntil("\"" + title + "\" is on the agenda of " + day + (stale ? " with" : " without")
                + " the stale banner", "/?day=" + day, Duration.ofSeconds(30), d -> {
                    WebElement talk = d.findElements(By.cssSelector("#schedule .talk")).stream()
                            .filter(card -> card.findElement(By.className("talk-title")).getText().equals(title))
                            .findFirst().orElse(null);
                    return talk != null && d.findElement(By.id("stale")).isDisplayed() == stale ? talk : null;
                });
    }
}

package dev.conference.platform.browser;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Platform;
import dev.conference.platform.Site;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;

/**
 * The programme committee's back office in a real browser: organizers and a reviewer score proposals, the list sorts
 * by the average, organizers decide several at once, each proposal shows its history, and the list exports as a CSV a
 * spreadsheet opens safely. Every state is clean under axe.
 */
class BackOfficeReviewsTest extends BrowserTest {

    @Test
    void twoOrganizersScoresAverageAndSortTheList() {
        String marker = unique("Scored");
        String strong = marker + " strong";
        String weak = marker + " weak";
        String strongId = pendingProposal(strong, null, null, null).proposalId();
        pendingProposal(weak, null, null, null);

        logInAs(Platform.ORGANIZER);
        listed("PENDING", "newest", marker, 2);
        review(card(strong), 5, "Ship it.\nA clear outline.");
        browser.screenshot("admin-review-panel");
        assertAccessible("a proposal's review panel with a review");
        review(card(weak), 2, "Thin.");

        logInAs(Platform.SECOND_ORGANIZER);
        listed("PENDING", "newest", marker, 2);
        review(card(strong), 4, "");
        review(card(weak), 3, "Could grow into a workshop.");

        assertThat(titles(listed("PENDING", "newest", marker, 2))).containsExactly(weak, strong);
        assertThat(card(strong).findElement(By.className("score-summary")).getText()).isEqualTo("Average score 4.5 (2 reviews)");
        assertThat(card(weak).findElement(By.className("score-summary")).getText()).isEqualTo("Average score 2.5 (2 reviews)");
        assertThat(titles(listed("PENDING", "score", marker, 2))).containsExactly(strong, weak);

        openDetails(card(strong));
        List<WebElement> reviews = browser.waitUntil("both reviews are shown",
                d -> card(strong).findElements(By.cssSelector(".reviews .review")).size() == 2
                        ? card(strong).findElements(By.cssSelector(".reviews .review")) : null);
        assertThat(reviews.get(0).getText()).startsWith(Platform.ORGANIZER + ": 5 out of 5").contains("Ship it.");
        assertThat(reviews.get(1).getText()).startsWith(Platform.SECOND_ORGANIZER + ": 4 out of 5");
        assertThat(card(strong).findElement(By.cssSelector("input[type=radio][value='4']")).isSelected())
                .as("the form holds the caller's own review").isTrue();
        String proposal = c4p.get().uri("/proposals/{id}", strongId).retrieve().body(String.class);
        assertThat(JsonPath.<Double>read(proposal, "$.averageScore")).isEqualTo(4.5);
    }

    @Test
    void aReviewerSeesNoDecisionControls() {
        String title = unique("Reviewer's view");
        pendingProposal(title, null, null, null);

        logInAs(Platform.REVIEWER);
        assertThat(browser.find("#role").getText()).isEqualTo("Reviewer");
        assertThat(browser.find("#tab-emails").isDisplayed()).isFalse();
        assertThat(browser.find("#tab-agenda").isDisplayed()).isFalse();
        assertThat(browser.find("#bulk").isDisplayed()).isFalse();
        assertThat(browser.find("#export").isDisplayed()).isTrue();
        WebElement card = proposalCard("PENDING", title, title);
        assertThat(card.findElements(By.cssSelector("input[type=checkbox]"))).isEmpty();
        openDetails(card);
        browser.waitUntil("the review form is shown", d -> card.findElement(By.className("review-form")));
        assertThat(card.findElements(By.xpath(".//button[normalize-space()='Approve' or normalize-space()='Reject']"))).isEmpty();
        browser.screenshot("admin-reviewer-details");
        assertAccessible("the reviewer's view of a proposal");
    }

    @Test
    void aReviewerScoresAProposalAndItCountsInTheAverage() {
        String title = unique("Reviewed by a reviewer");
        String id = pendingProposal(title, null, null, null).proposalId();

        logInAs(Platform.REVIEWER);
        review(proposalCard("PENDING", title, title), 3, "Solid, if familiar.");

        String proposal = c4p.get().uri("/proposals/{id}", id).retrieve().body(String.class);
        assertThat(JsonPath.<List<String>>read(proposal, "$.reviews[*].reviewer")).containsExactly(Platform.REVIEWER);
        assertThat(JsonPath.<Integer>read(proposal, "$.reviewCount")).isEqualTo(1);
    }

    /** The page hides the buttons; the gateway refuses the calls themselves. */
    @Test
    void aReviewersDecisionThroughTheGatewayIsRefused() {
        String id = pendingProposal(unique("Not for reviewers to decide"), null, null, null).proposalId();
        Site site = new Site(platform.frontend.url());
        site.page("/admin");
        assertThat(site.logIn(Platform.REVIEWER, platform.reviewerPassword).statusCode()).isEqualTo(200);

        HttpResponse<String> single = site.postJson("/api/proposals/" + id + "/decision", "{\"decision\":\"APPROVED\"}");
        HttpResponse<String> bulk = site.postJson("/api/decisions", "{\"proposalIds\":[\"" + id + "\"],\"decision\":\"APPROVED\"}");

        assertThat(single.statusCode()).as(single.body()).isEqualTo(403);
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(403);
        assertThat(site.get("/api/proposals/" + id).statusCode()).as("the reviewer may read it").isEqualTo(200);
        String proposal = c4p.get().uri("/proposals/{id}", id).retrieve().body(String.class);
        assertThat(JsonPath.<String>read(proposal, "$.status")).isEqualTo("PENDING");
    }

    @Test
    void aBulkDecisionDecidesSeveralAndEverySpeakerGetsTheDecisionEmail() throws MessagingException {
        String marker = unique("Bulk");
        List<String> speakers = List.of(newSpeakerEmail(), newSpeakerEmail(), newSpeakerEmail());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < speakers.size(); i++) {
            ids.add(submit(marker + " number " + (i + 1), speakers.get(i)));
        }
        assertThat(decide(ids.get(2), "REJECTED").getStatusCode().value()).isEqualTo(200);

        logInAs(Platform.ORGANIZER);
        List<WebElement> cards = listed("", "newest", marker, 3);
        for (WebElement card : cards) {
            card.findElement(By.cssSelector("input[type=checkbox]")).click();
        }
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("3 proposals selected");
        assertAccessible("the list with three proposals selected");
        decideTheSelected("Approve", 3);

        browser.waitUntil("the per-proposal results are shown",
                d -> d.findElement(By.cssSelector("#bulk-result .bulk-summary")).getText().equals("2 approved, 1 already decided."));
        assertThat(browser.findAll("#bulk-result .bulk-results li")).hasSize(3);
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("No proposal selected");
        assertAccessible("the results of a bulk decision");

        for (String speaker : speakers.subList(0, 2)) {
            eventually(Duration.ofSeconds(30), () -> platform.smtp.subjectsTo(speaker).stream().anyMatch(s -> s.contains("accepted")),
                    "the accepted email reached " + speaker);
        }
        assertThat(platform.smtp.subjectsTo(speakers.get(2))).noneMatch(s -> s.contains("accepted"));
        for (String id : ids.subList(0, 2)) {
            eventually(Duration.ofSeconds(20), () -> agendaItemIdsFor(id).size() == 1, "the talk is on the agenda");
        }
    }

    /**
     * c4p-service decides the first of three proposals, then the answer is lost the way the gateway loses it when
     * c4p-service is too slow or its breaker opens (503 problem+json with Retry-After). The page cannot know what was
     * decided: it says so, shows where each proposal stands now and keeps selected only the ones still pending, so
     * that trying again decides just those. Where one stands cannot be read either (its read fails too): it stays
     * selected, as deciding it again is safe.
     */
    @Test
    void aBulkDecisionWhoseAnswerIsLostShowsWhereEachStandsAndKeepsOnlyThePendingOnesSelected() {
        String marker = unique("Lost answer");
        String first = marker + " one";
        String second = marker + " two";
        String third = marker + " three";
        List<String> ids = new ArrayList<>();
        for (String title : List.of(first, second, third)) {
            ids.add(pendingProposal(title, null, null, null).proposalId());
        }

        logInAs(Platform.ORGANIZER);
        for (WebElement card : listed("", "newest", marker, 3)) {
            card.findElement(By.cssSelector("input[type=checkbox]")).click();
        }
        // The page's next POST /api/decisions reaches c4p-service naming the first proposal only; its answer never
        // reaches the page, which gets the gateway's 503 instead. The page's next read of the third proposal is lost too.
        browser.script("""
                const realFetch = window.fetch;
                const decidedOnly = arguments[0];
                const unreadable = '/api/proposals/' + arguments[1];
                const unavailable = () => new Response(JSON.stringify({ type: 'about:blank', title: 'Service unavailable',
                    status: 503, detail: 'The service behind this request did not answer. Try again later.' }),
                    { status: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '10' } });
                let decided = false;
                window.fetch = async (path, init) => {
                  if (path === '/api/decisions' && !decided) {
                    decided = true;
                    const asked = JSON.parse(init.body);
                    const lost = await realFetch(path, { ...init, body: JSON.stringify({ ...asked, proposalIds: [decidedOnly] }) });
                    window.lostAnswer = lost.status;
                    return unavailable();
                  }
                  if (path === unreadable && decided) {
                    window.fetch = realFetch;
                    return unavailable();
                  }
                  return realFetch(path, init);
                };
                """, ids.getFirst(), ids.get(2));
        decideTheSelected("Reject", 3);

        browser.waitUntil("the page says the outcome is not known", d -> d.findElement(By.cssSelector("#bulk-result .bulk-summary"))
                .getText().equals("The decision could not be confirmed: some, all or none of the 3 proposals may have been rejected."));
        assertThat(browser.script("return window.lostAnswer")).as("c4p-service's answer, lost on the way").isEqualTo(200L);
        browser.waitUntil("the list shows where each stands, the pending ones still selected", d -> Set.copyOf(listedStates())
                .equals(Set.of(first + ": REJECTED", second + ": PENDING, selected", third + ": PENDING, selected")));
        assertThat(browser.findAll("#bulk-result .bulk-results li")).extracting(WebElement::getText)
                .containsExactlyInAnyOrder(first + ": rejected", second + ": still pending, still selected",
                        third + ": could not be checked, still selected");
        assertThat(browser.find("#bulk-result .bulk-results li[data-state=UNKNOWN]").getText()).startsWith(third);
        assertThat(browser.find("#bulk-result").getText())
                .contains("This part of the site is busy or down for a moment. Please try again in 10 seconds.",
                        "Try again to decide the 2 still selected.");
        assertThat(browser.find("#bulk-result").getDomAttribute("class")).contains("notice-warning");
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("2 proposals selected");
        browser.screenshot("admin-bulk-answer-lost");
        assertAccessible("a bulk decision whose answer was lost");

        decideTheSelected("Reject", 2);
        browser.waitUntil("the retry decided the two left",
                d -> d.findElement(By.cssSelector("#bulk-result .bulk-summary")).getText().equals("2 rejected."));
        assertThat(browser.findAll("#bulk-result .bulk-results li")).hasSize(2);
        assertThat(browser.find("#bulk-count").getText()).isEqualTo("No proposal selected");
        for (String id : ids) {
            String proposal = c4p.get().uri("/proposals/{id}", id).retrieve().body(String.class);
            assertThat(JsonPath.<String>read(proposal, "$.status")).isEqualTo("REJECTED");
        }
    }

    @Test
    void theDetailsNameTheFormatAndLevelAsTheAgendaDoes() {
        String workshop = unique("Details of a workshop");
        String talk = unique("Details of a talk");
        pendingProposal(workshop, "WORKSHOP", "ADVANCED", null);
        pendingProposal(talk, null, null, null);

        logInAs(Platform.ORGANIZER);
        WebElement workshopCard = proposalCard("PENDING", workshop, workshop);
        openDetails(workshopCard);
        browser.waitUntil("the workshop's format and level", d -> workshopCard.findElements(By.cssSelector("p.muted")).stream()
                .anyMatch(line -> line.getText().equals("Workshop · level advanced")));
        WebElement talkCard = proposalCard("PENDING", talk, talk);
        openDetails(talkCard);
        browser.waitUntil("the talk's format, without a level", d -> talkCard.findElements(By.cssSelector("p.muted")).stream()
                .anyMatch(line -> line.getText().equals("Talk · level not stated")));
    }

    @Test
    void theHistoryShowsEachStepWithWhoAndWhen() {
        Talk submitted = pendingProposal(unique("History"), null, null, null);
        String title = submitted.title() + " (edited)";
        assertThat(c4p.put().uri("/proposals/track/{token}", submitted.trackingToken()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "abstract", "Edited by its speaker.")).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(200);

        logInAs(Platform.ORGANIZER);
        WebElement card = proposalCard("PENDING", title, title);
        review(card, 4, "");
        assertThat(decide(submitted.proposalId(), "APPROVED").getStatusCode().value()).isEqualTo(200);
        eventually(Duration.ofSeconds(30), () -> historyTypes(submitted.proposalId()).contains("DELIVERED"),
                "a side effect is delivered");

        WebElement decided = proposalCard("APPROVED", title, title);
        openDetails(decided);
        List<WebElement> events = browser.waitUntil("the history is shown",
                d -> decided.findElements(By.cssSelector(".history-list .history-event")).isEmpty() ? null
                        : decided.findElements(By.cssSelector(".history-list .history-event")));
        List<String> types = events.stream().map(e -> e.getDomAttribute("data-type")).toList();
        assertThat(types).containsSubsequence("SUBMITTED", "EDITED", "REVIEWED", "DECIDED", "DELIVERED");
        assertThat(text(events, "SUBMITTED")).startsWith("Submitted").contains("by Grace Hopper · ");
        assertThat(text(events, "EDITED")).startsWith("Edited").contains("by Grace Hopper · ");
        assertThat(text(events, "REVIEWED")).startsWith("Reviewed: score 4 by " + Platform.ORGANIZER + " · ");
        assertThat(text(events, "DECIDED")).startsWith("Decided: APPROVED by " + Platform.ORGANIZER + " · ");
        assertThat(text(events, "DELIVERED")).startsWith("Delivered: ");
        assertThat(events).allSatisfy(e -> assertThat(e.findElement(By.tagName("time")).getDomAttribute("datetime")).isNotBlank());
        assertAccessible("a proposal's history");
    }

    @Test
    void anAgendaEntryThatArrivesAfterTheWithdrawalIsShownAsNotNeeded() throws Exception {
        Talk talk = approvedTalk(unique("Late entry"), null, null, null);
        assertThat(c4p.post().uri("/proposals/track/{token}/withdrawal", talk.trackingToken()).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("withdrawal").isEqualTo(200);
        eventually(Duration.ofSeconds(30), () -> historyTypes(talk.proposalId()).contains("WITHDRAWN")
                && "DELIVERED".equals(deliveryOf(talk.proposalId(), "AGENDA_REMOVAL", "status")), "the talk is off the agenda");
        // The agenda entry delivered again after the withdrawal, as when its first answer was lost and the relay retried late.
        try (Connection db = platform.database.connect();
             PreparedStatement redeliver = db.prepareStatement("""
                     update outbox_event set status = 'PENDING', attempts = 0, next_attempt_at = now(), delivered_at = null
                     where proposal_id = ? and kind = 'AGENDA_ENTRY'""")) {
            redeliver.setObject(1, java.util.UUID.fromString(talk.proposalId()));
            assertThat(redeliver.executeUpdate()).isEqualTo(1);
        }
        eventually(Duration.ofSeconds(30), () -> "SKIPPED".equals(deliveryOf(talk.proposalId(), "AGENDA_ENTRY", "status")),
                "agenda-service refuses the late entry");

        logInAs(Platform.ORGANIZER);
        WebElement card = proposalCard("WITHDRAWN", talk.title(), talk.title());
        openDetails(card);
        WebElement entry = browser.waitUntil("the agenda entry's side effect", d -> card.findElements(By.cssSelector(".deliveries li"))
                .stream().filter(li -> li.getText().contains("Agenda entry")).findFirst().orElse(null));
        assertThat(entry.findElement(By.className("badge")).getText()).isEqualTo("NOT NEEDED");
        assertThat(entry.findElements(By.className("error-text"))).isEmpty();
        assertThat(entry.findElement(By.cssSelector("p.muted")).getText()).contains("not placed, the proposal was withdrawn");
        List<WebElement> events = card.findElements(By.cssSelector(".history-list .history-event"));
        assertThat(text(events, "SKIPPED")).startsWith("Not needed: Agenda entry: not placed, the proposal was withdrawn");
        assertAccessible("a side effect that was not needed");
    }

    @Test
    void theExportDownloadsTheFilteredListWithFormulasNeutralised() {
        String marker = unique("Export");
        String title = "=HYPERLINK(\"http://example.com\",\"x\") " + marker;
        pendingProposal(title, null, null, null);

        logInAs(Platform.ORGANIZER);
        listed("PENDING", "score", marker, 1);
        WebElement export = browser.find("#export");
        assertThat(export.getDomAttribute("download")).isEqualTo("proposals.csv");
        String href = export.getDomProperty("href");
        assertThat(href).startsWith(browser.url("/api/proposals.csv?")).contains("status=PENDING", "sort=score", "q=Export");

        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { credentials: 'same-origin' })
                    .then((r) => r.text().then((body) => done({ status: r.status, type: r.headers.get('Content-Type'),
                        disposition: r.headers.get('Content-Disposition'), body })))
                    .catch((e) => done({ status: 0, body: String(e) }));
                """, href);

        assertThat(((Number) answer.get("status")).intValue()).as("%s", answer.get("body")).isEqualTo(200);
        assertThat((String) answer.get("type")).startsWith("text/csv");
        assertThat((String) answer.get("disposition")).startsWith("attachment");
        String[] lines = ((String) answer.get("body")).split("\r\n");
        assertThat(lines[0]).startsWith("id,title,speakerName,speakerEmail,format,level,status");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains(",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\") " + marker + "\",")
                .doesNotContain(",\"=HYPERLINK", ",=HYPERLINK");
    }

    @Test
    void aSearchMatchingVeryManyProposalsSaysThereAreMore() throws Exception {
        String marker = unique("Crowded");
        // Written behind c4p's back, withdrawn so that no other test's listing of pending or decided proposals sees them.
        try (Connection db = platform.database.connect();
             PreparedStatement insert = db.prepareStatement("""
                     insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                           submitted_at, withdrawn_at)
                     select gen_random_uuid(), ? || ' ' || i, 'Filler.', 'Speaker ' || i, 'crowd' || i || '@example.com',
                            'WITHDRAWN', md5(? || i), now() - i * interval '1 second', now()
                     from generate_series(1, 501) i""")) {
            insert.setString(1, marker);
            insert.setString(2, marker);
            insert.executeUpdate();
        }

        logInAs(Platform.ORGANIZER);
        new Select(browser.visible("#filter-status")).selectByValue("WITHDRAWN");
        new Select(browser.find("#filter-sort")).selectByValue("newest");
        new Select(browser.find("#filter-reviewed")).selectByValue("");
        browser.type("#filter-q", marker);
        browser.find("#proposal-filter button[type=submit]").click();
        browser.waitUntil("the count says there are more than 500",
                d -> d.findElement(By.id("proposal-count")).getText().equals("More than 500 proposals"));
        assertThat(browser.find("#proposal-pager span").getText()).isEqualTo("Page 1 of 50+");
        assertAccessible("a search with more matches than it counts");

        browser.find("#proposal-pager button:last-of-type").click();
        browser.waitUntil("the second page", d -> d.findElement(By.cssSelector("#proposal-pager span")).getText()
                .equals("Page 2 of 50+"));
        assertThat(browser.findAll("#proposal-list article.proposal")).hasSize(10);
        assertThat(browser.find("#proposal-pager button:last-of-type").isEnabled()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Shows the proposals of {@code status} matching {@code q} in {@code sort} order, once the list holds {@code count}. */
    private static List<WebElement> listed(String status, String sort, String q, int count) {
        new Select(browser.visible("#filter-status")).selectByValue(status);
        new Select(browser.find("#filter-sort")).selectByValue(sort);
        new Select(browser.find("#filter-reviewed")).selectByValue("");
        browser.type("#filter-q", q);
        List<WebElement> shown = browser.findAll("#proposal-list > *");
        browser.find("#proposal-filter button[type=submit]").click();
        browser.waitUntil("the search replaced the list",
                d -> shown.stream().allMatch(element -> ExpectedConditions.stalenessOf(element).apply(d)));
        String expected = count + " proposal" + (count == 1 ? "" : "s");
        return browser.waitUntil("the back office lists " + expected + " matching \"" + q + "\"", d -> {
            List<WebElement> cards = d.findElements(By.cssSelector("#proposal-list article.proposal"));
            return d.findElement(By.id("proposal-count")).getText().equals(expected) && cards.size() == count ? cards : null;
        });
    }

    /** Clicks "Approve selected" or "Reject selected" ({@code verb}) and confirms deciding {@code count} proposals. */
    private static void decideTheSelected(String verb, int count) {
        browser.find("#bulk-" + verb.toLowerCase()).click();
        WebElement dialog = browser.visible("dialog[open]");
        assertThat(dialog.getText()).contains(verb + " " + count + " proposal" + (count == 1 ? "" : "s") + "?");
        dialog.findElement(By.xpath(".//button[normalize-space()='" + verb + "']")).click();
    }

    /** Each listed proposal as "title: STATUS", with ", selected" when its box is ticked. */
    private static List<String> listedStates() {
        return browser.findAll("#proposal-list article.proposal").stream()
                .map(card -> card.findElement(By.tagName("h3")).getText() + ": " + card.findElement(By.className("badge")).getText()
                        + (card.findElement(By.cssSelector("input[type=checkbox]")).isSelected() ? ", selected" : ""))
                .toList();
    }

    private static WebElement card(String title) {
        return browser.waitUntil("the card of \"" + title + "\"", d -> d.findElements(By.cssSelector("#proposal-list article.proposal"))
                .stream().filter(card -> card.findElement(By.tagName("h3")).getText().equals(title)).findFirst().orElse(null));
    }

    private static List<String> titles(List<WebElement> cards) {
        return cards.stream().map(card -> card.findElement(By.tagName("h3")).getText()).toList();
    }

    private static void openDetails(WebElement card) {
        WebElement toggle = card.findElement(By.xpath(".//button[normalize-space()='Details']"));
        if ("true".equals(toggle.getDomAttribute("aria-expanded"))) {
            toggle.click();
        }
        toggle.click();
    }

    /** Scores the proposal of the card in its review panel and waits until the page says it is saved. */
    private static void review(WebElement card, int score, String comment) {
        String title = card.findElement(By.tagName("h3")).getText();
        openDetails(card);
        WebElement form = browser.waitUntil("the review form of \"" + title + "\"", d -> card.findElement(By.className("review-form")));
        form.findElement(By.cssSelector("input[type=radio][value='" + score + "']")).click();
        WebElement text = form.findElement(By.tagName("textarea"));
        text.clear();
        text.sendKeys(comment);
        form.findElement(By.xpath(".//button[normalize-space()='Save review']")).click();
        browser.waitUntil("the review of \"" + title + "\" is saved",
                d -> d.findElement(By.id("office-notice")).getText().equals(title + ": your review is saved."));
    }

    private List<String> historyTypes(String proposalId) {
        String proposal = c4p.get().uri("/proposals/{id}", proposalId).retrieve().body(String.class);
        return JsonPath.read(proposal, "$.history[*].type");
    }

    private static String text(List<WebElement> events, String type) {
        return events.stream().filter(e -> type.equals(e.getDomAttribute("data-type"))).findFirst()
                .map(WebElement::getText).orElseThrow(() -> new AssertionError("no " + type + " event"));
    }
}

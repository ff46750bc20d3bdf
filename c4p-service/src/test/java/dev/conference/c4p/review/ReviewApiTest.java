package dev.conference.c4p.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

class ReviewApiTest extends C4pIntegrationTest {

    @Autowired
    EntityManagerFactory entities;

    @Test
    void twoReviewersScoresAverageAndShowOnTheProposal() {
        String id = submit("Averaged " + UUID.randomUUID());

        review(id, "olivia", "{\"score\":4,\"comment\":\"Solid.\\nGood speaker.\"}");
        ResponseEntity<String> second = review(id, "rita", "{\"score\":5}");

        assertThat(second.getStatusCode().value()).isEqualTo(200);
        assertThat(average(second)).isEqualTo(4.5);
        assertThat((Integer) read(second, "$.reviewCount")).isEqualTo(2);
        assertThat((List<String>) read(second, "$.reviews[*].reviewer")).containsExactly("olivia", "rita");
        assertThat((String) read(second, "$.reviews[0].comment")).isEqualTo("Solid.\nGood speaker.");
        assertThat((Object) read(second, "$.reviews[1].comment")).isNull();
        ResponseEntity<String> found = get("/proposals/{id}", id);
        assertThat(average(found)).isEqualTo(4.5);
        assertThat((List<Integer>) read(found, "$.reviews[*].score")).containsExactly(4, 5);
    }

    @Test
    void aReviewReadsTheProposalsReviewsOnce() {
        String id = submit("Read once " + UUID.randomUUID());
        review(id, "olivia", "{\"score\":4}");
        Statistics statistics = entities.unwrap(SessionFactory.class).getStatistics();
        boolean wasEnabled = statistics.isStatisticsEnabled();
        statistics.clear();
        statistics.setStatisticsEnabled(true);
        try {
            ResponseEntity<String> second = review(id, "rita", "{\"score\":5}");

            assertThat((List<String>) read(second, "$.reviews[*].reviewer")).containsExactly("olivia", "rita");
            assertThat(Arrays.stream(statistics.getQueries()).filter(query -> query.contains(" from Review "))
                    .mapToLong(query -> statistics.getQueryStatistics(query).getExecutionCount()).sum())
                    .as("queries of reviews: %s", List.of(statistics.getQueries())).isEqualTo(1);
        } finally {
            statistics.setStatisticsEnabled(wasEnabled);
        }
    }

    @Test
    void aRoundedAverageHasTwoDecimals() {
        String id = submit("Thirds " + UUID.randomUUID());

        review(id, "olivia", "{\"score\":4}");
        review(id, "rita", "{\"score\":4}");
        ResponseEntity<String> third = review(id, "oscar", "{\"score\":5}");

        assertThat(average(third)).isEqualTo(4.33);
    }

    @Test
    void reviewingAgainReplacesTheReviewersReview() {
        String id = submit("Changed mind " + UUID.randomUUID());
        review(id, "olivia", "{\"score\":2,\"comment\":\"Meh.\"}");

        ResponseEntity<String> again = review(id, "olivia", "{\"score\":5,\"comment\":\"  \"}");

        assertThat((Integer) read(again, "$.reviewCount")).isEqualTo(1);
        assertThat(average(again)).isEqualTo(5.0);
        assertThat((Object) read(again, "$.reviews[0].comment")).as("a blank comment is none").isNull();
    }

    @Test
    void anUnreviewedProposalHasANullAverageAndNoReviews() {
        String id = submit("Unread " + UUID.randomUUID());

        ResponseEntity<String> found = get("/proposals/{id}", id);

        assertThat(found.getBody()).contains("\"averageScore\":null");
        assertThat((Integer) read(found, "$.reviewCount")).isZero();
        assertThat((List<?>) read(found, "$.reviews")).isEmpty();
    }

    @Test
    void theSubmissionsAnswerShowsNoReviews() {
        ResponseEntity<String> created = postJson("/proposals", submission("Fresh", "speaker@example.com"));

        assertThat(created.getBody()).doesNotContain("averageScore", "reviewCount", "reviews", "history");
    }

    @Test
    void decidedProposalsMayStillBeReviewed() {
        String id = submit("Decided then read " + UUID.randomUUID());
        decide(id, "APPROVED");

        ResponseEntity<String> reviewed = review(id, "rita", "{\"score\":3}");

        assertThat(reviewed.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(reviewed, "$.status")).isEqualTo("APPROVED");
    }

    @Test
    void aWithdrawnProposalIsNotReviewable() {
        ResponseEntity<String> created = postJson("/proposals", submission("Gone", "speaker@example.com"));
        String id = read(created, "$.id");
        http.post().uri("/proposals/track/{token}/withdrawal", (String) read(created, "$.trackingToken"))
                .retrieve().toBodilessEntity();

        ResponseEntity<String> refused = review(id, "rita", "{\"score\":3}");

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(isProblem(refused)).isTrue();
        assertThat((String) read(refused, "$.code")).isEqualTo("NOT_REVIEWABLE");
        assertThat((Integer) read(get("/proposals/{id}", id), "$.reviewCount")).isZero();
    }

    @Test
    void reviewingAnUnknownProposalIsNotFound() {
        assertNotFoundProblem(review(UUID.randomUUID().toString(), "rita", "{\"score\":3}"));
    }

    @Test
    void theListSortsByAverageScoreHighestFirstUnreviewedLast() {
        String tag = "sortme" + UUID.randomUUID().toString().substring(0, 8);
        String low = submit(tag + " low");
        String high = submit(tag + " high");
        String unreviewed = submit(tag + " unreviewed");
        String middle = submit(tag + " middle");
        review(low, "olivia", "{\"score\":2}");
        review(low, "rita", "{\"score\":1}");
        review(high, "olivia", "{\"score\":5}");
        review(high, "rita", "{\"score\":4}");
        review(middle, "olivia", "{\"score\":3}");

        List<String> byScore = read(get("/proposals?q={q}&sort=score", tag), "$.items[*].id");
        List<String> newest = read(get("/proposals?q={q}", tag), "$.items[*].id");
        List<Number> averages = read(get("/proposals?q={q}&sort=score", tag), "$.items[*].averageScore");

        assertThat(byScore).containsExactly(high, middle, low, unreviewed);
        assertThat(averages).extracting(n -> n == null ? null : n.doubleValue()).containsExactly(4.5, 3.0, 1.5, null);
        assertThat(newest).containsExactly(middle, unreviewed, high, low);
        assertThat(get("/proposals?q={q}&sort=newest", tag).getBody()).doesNotContain("\"history\"");
    }

    @Test
    void theListFiltersByTheCallersReviews() {
        String tag = "mine" + UUID.randomUUID().toString().substring(0, 8);
        String byOlivia = submit(tag + " olivia read it");
        String byRita = submit(tag + " rita read it");
        String byBoth = submit(tag + " both read it");
        review(byOlivia, "olivia", "{\"score\":4}");
        review(byRita, "rita", "{\"score\":2}");
        review(byBoth, "olivia", "{\"score\":3}");
        review(byBoth, "rita", "{\"score\":3}");
        decide(byBoth, "APPROVED");

        assertThat((List<String>) read(getAs("olivia", "/proposals?q={q}&reviewed=mine", tag), "$.items[*].id"))
                .containsExactlyInAnyOrder(byOlivia, byBoth);
        assertThat((List<String>) read(getAs("olivia", "/proposals?q={q}&reviewed=notMine", tag), "$.items[*].id"))
                .containsExactly(byRita);
        assertThat((List<String>) read(getAs("rita", "/proposals?q={q}&reviewed=notMine&sort=score", tag),
                "$.items[*].id")).containsExactly(byOlivia);
        assertThat((List<String>) read(getAs("rita", "/proposals?q={q}&reviewed=mine&status=PENDING", tag),
                "$.items[*].id")).containsExactly(byRita);
        assertThat((Integer) read(getAs("olivia", "/proposals?q={q}&reviewed=mine", tag), "$.totalItems"))
                .isEqualTo(2);
    }

    @Test
    void theReviewedFilterNeedsTheCaller() {
        ResponseEntity<String> answer = get("/proposals?reviewed=mine");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
        assertThat((List<String>) read(answer, "$.errors[*].field")).containsExactly("reviewed");
    }

    private static double average(ResponseEntity<String> proposal) {
        return C4pIntegrationTest.<Number>read(proposal, "$.averageScore").doubleValue();
    }
}

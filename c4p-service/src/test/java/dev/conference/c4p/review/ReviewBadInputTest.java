package dev.conference.c4p.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A bad review is a 400 problem naming the field, and changes nothing. */
class ReviewBadInputTest extends C4pIntegrationTest {

    static Stream<Arguments> badReviews() {
        return Stream.of(
                Arguments.of("score 0", "{\"score\":0}", "score"),
                Arguments.of("score 6", "{\"score\":6}", "score"),
                Arguments.of("a negative score", "{\"score\":-1}", "score"),
                Arguments.of("a text as score", "{\"score\":\"x\"}", "score"),
                Arguments.of("a fractional score", "{\"score\":4.5}", "score"),
                Arguments.of("a fractional score in exponent notation", "{\"score\":45e-1}", "score"),
                Arguments.of("a boolean as score", "{\"score\":true}", "score"),
                Arguments.of("no score", "{\"comment\":\"Nice.\"}", "score"),
                Arguments.of("a null score", "{\"score\":null}", "score"),
                Arguments.of("a comment of 2001 characters", "{\"score\":3,\"comment\":" + quote("c".repeat(2001)) + "}",
                        "comment"),
                Arguments.of("NUL in the comment", "{\"score\":3,\"comment\":\"ok\\u0000\"}", "comment"),
                Arguments.of("escape character in the comment", "{\"score\":3,\"comment\":\"\\u001b[2J\"}", "comment"),
                Arguments.of("a right-to-left override in the comment", "{\"score\":3,\"comment\":\"a\\u202eb\"}",
                        "comment"),
                Arguments.of("a number as comment", "{\"score\":3,\"comment\":42}", null),
                Arguments.of("an unknown field", "{\"score\":3,\"reviewer\":\"someone else\"}", "reviewer"),
                Arguments.of("malformed JSON", "{\"score\":", null),
                Arguments.of("empty body", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReviews")
    void badReviewIsRefusedAndChangesNothing(String what, String body, String field) {
        String id = submit("Unreviewed");

        ResponseEntity<String> answer = review(id, "rita", body);

        assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
        assertThat(isProblem(answer)).as(what + " is problem+json").isTrue();
        if (field != null) {
            assertThat((List<String>) read(answer, "$.errors[*].field")).as(what).contains(field);
        }
        assertThat((Integer) read(get("/proposals/{id}", id), "$.reviewCount")).as(what).isZero();
    }

    @Test
    void aCommentOfExactly2000CharactersOnSeveralLinesIsAccepted() {
        String id = submit("Long comment");
        String comment = "A line of a comment.\n".repeat(95) + "12345";
        assertThat(comment).hasSize(2000);

        ResponseEntity<String> answer = review(id, "rita",
                "{\"score\":3,\"comment\":" + quote(comment).replace("\n", "\\n") + "}");

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat((String) read(answer, "$.reviews[0].comment")).isEqualTo(comment);
    }

    @Test
    void aReviewWithoutTheReviewerIsRefused() {
        String id = submit("Anonymous review");

        ResponseEntity<String> answer = http.put().uri("/proposals/{id}/reviews/mine", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"score\":3}").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
    }

    @Test
    void aReviewOfABadIdIsRefused() {
        ResponseEntity<String> answer = review("not-a-uuid", "rita", "{\"score\":3}");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
    }
}

package dev.conference.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesTheProblemMembersAsJson() {
        JsonNode problem = json.readTree(ProblemJson.bytes(HttpStatus.CONTENT_TOO_LARGE, ProblemJson.TOO_LARGE_TITLE,
                ProblemJson.tooLargeDetail(65536), "/api/proposals"));

        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Request body too large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asString()).isEqualTo("The request body must not be larger than 65536 bytes.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/proposals");
    }

    @Test
    void quotesAndControlCharactersInTextStayInsideTheirStrings() {
        byte[] bytes = ProblemJson.bytes(HttpStatus.BAD_REQUEST, "A \"quoted\" title", "line\nbreak \\ and \u0001", null);

        JsonNode problem = json.readTree(bytes);
        assertThat(problem.get("title").asString()).isEqualTo("A \"quoted\" title");
        assertThat(problem.get("detail").asString()).isEqualTo("line\nbreak \\ and \u0001");
        assertThat(problem.has("instance")).isFalse();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\n");
    }

    @Test
    void anInstanceKeepsOnlyWhatAUriReferenceHolds() {
        assertThat(ProblemJson.body(HttpStatus.NOT_FOUND, "Not Found", null, "/api/a b<script>").get("instance"))
                .isEqualTo("/api/abscript");
    }
}

package dev.conference.c4p.proposal;

import static dev.conference.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Whatever a client sends, the answer is a 4xx problem, never a 500, and nothing is half-saved. */
class ProposalBadInputTest extends C4pIntegrationTest {

    static Stream<Arguments> badSubmissions() {
        String valid = "\"title\":\"T\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"title\":", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("JSON array", "[]", 400, null),
                Arguments.of("JSON null", "null", 400, null),
                Arguments.of("trailing garbage", "{" + valid + "} x", 400, null),
                Arguments.of("missing title", "{\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}", 400, "title"),
                Arguments.of("blank speaker", "{" + valid.replace("\"S\"", "\"  \"") + "}", 400, "speakerName"),
                Arguments.of("invalid email", "{" + valid.replace("s@example.com", "not-an-email") + "}", 400, "speakerEmail"),
                Arguments.of("email without domain dot", "{" + valid.replace("s@example.com", "s@localhost") + "}", 400, "speakerEmail"),
                Arguments.of("title too long", "{" + valid.replace("\"T\"", quote("t".repeat(201))) + "}", 400, "title"),
                Arguments.of("abstract too long", "{" + valid.replace("\"A\"", quote("a".repeat(5001))) + "}", 400, "abstract"),
                Arguments.of("wrong type", "{" + valid.replace("\"T\"", "42") + "}", 400, null),
                Arguments.of("object as title", "{" + valid.replace("\"T\"", "{\"x\":1}") + "}", 400, "title"),
                Arguments.of("unknown field", "{" + valid + ",\"status\":\"APPROVED\"}", 400, "status"),
                Arguments.of("duplicate field", "{" + valid + ",\"title\":\"again\"}", 400, null),
                Arguments.of("oversized body", "{" + valid.replace("\"A\"", quote("a".repeat(70_000))) + "}", 413, null),
                // Text that only looks like text: PostgreSQL refuses NUL (a 500 before), the others mislead readers.
                Arguments.of("NUL in the title", "{" + valid.replace("\"T\"", "\"Ta\\u0000lk\"") + "}", 400, "title"),
                Arguments.of("NUL in the abstract", "{" + valid.replace("\"A\"", "\"A\\u0000\"") + "}", 400, "abstract"),
                Arguments.of("escape character in the name", "{" + valid.replace("\"S\"", "\"S\\u001b[2J\"") + "}", 400, "speakerName"),
                Arguments.of("a title of invisible characters", "{" + valid.replace("\"T\"", "\"\\u200b\\u200b\\u2063\"") + "}", 400, "title"),
                Arguments.of("a right-to-left override", "{" + valid.replace("\"T\"", "\"talk\\u202etxt.exe\"") + "}", 400, "title"),
                Arguments.of("a lone surrogate", "{" + valid.replace("\"T\"", "\"talk \\ud800\"") + "}", 400, "title"),
                Arguments.of("a line break in the title", "{" + valid.replace("\"T\"", "\"two\\nlines\"") + "}", 400, "title"),
                // Addresses an SMTP server without SMTPUTF8 would refuse, refused at the door instead of in the outbox.
                Arguments.of("a no-break space in the address", withEmail(valid, "a\\u00a0b@example.com"), 400, "speakerEmail"),
                Arguments.of("a non-ASCII address", withEmail(valid, "j\\u00f6s\\u00e9@example.com"), 400, "speakerEmail"),
                Arguments.of("a non-ASCII domain", withEmail(valid, "ada@b\\u00fccher.example"), 400, "speakerEmail"),
                Arguments.of("a quoted local part", withEmail(valid, "\\\"a\\\"@example.com"), 400, "speakerEmail"),
                Arguments.of("an address literal", withEmail(valid, "a@[127.0.0.1]"), 400, "speakerEmail"),
                Arguments.of("two dots in the local part", withEmail(valid, "a..b@example.com"), 400, "speakerEmail"),
                Arguments.of("an underscore in the domain", withEmail(valid, "a@ex_ample.com"), 400, "speakerEmail"),
                Arguments.of("a 65-character local part", withEmail(valid, "l".repeat(65) + "@example.com"), 400, "speakerEmail"),
                Arguments.of("a 64-character label", withEmail(valid, "a@" + "d".repeat(64) + ".com"), 400, "speakerEmail"),
                Arguments.of("a 255-character address", withEmail(valid, "l".repeat(64) + "@" + ("d".repeat(60) + ".").repeat(3) + "ddd.com"), 400, "speakerEmail"),
                Arguments.of("a tab in the address", withEmail(valid, "a\\tb@example.com"), 400, "speakerEmail"),
                // A mail program would decode these into text the plain-text rules never saw.
                Arguments.of("an encoded-word as the name", "{" + valid.replace("\"S\"", "\"=?utf-8?B?4oCuQWRh?=\"") + "}", 400, "speakerName"),
                Arguments.of("an encoded-word in the title", "{" + valid.replace("\"T\"", "\"Talk =?UTF-8?Q?=E2=80=AE?=\"") + "}", 400, "title"),
                Arguments.of("an unknown format", "{" + valid + ",\"format\":\"KEYNOTE\"}", 400, "format"),
                Arguments.of("a lower-case format", "{" + valid + ",\"format\":\"talk\"}", 400, "format"),
                Arguments.of("an unknown level", "{" + valid + ",\"level\":\"EXPERT\"}", 400, "level"),
                Arguments.of("a bio too long", "{" + valid + ",\"speakerBio\":" + quote("b".repeat(1001)) + "}", 400, "speakerBio"),
                Arguments.of("NUL in the bio", "{" + valid + ",\"speakerBio\":\"Ada\\u0000\"}", 400, "speakerBio"),
                Arguments.of("escape character in the bio", "{" + valid + ",\"speakerBio\":\"Ada\\u001b[2J\"}", 400, "speakerBio"),
                Arguments.of("a right-to-left override in the bio", "{" + valid + ",\"speakerBio\":\"Ada\\u202e\"}", 400, "speakerBio"),
                Arguments.of("a number as the bio", "{" + valid + ",\"speakerBio\":42}", 400, null));
    }

    static Stream<Arguments> badEdits() {
        String valid = "\"title\":\"T\",\"abstract\":\"A\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"title\":", null),
                Arguments.of("empty body", "", null),
                Arguments.of("JSON null", "null", null),
                Arguments.of("missing title", "{\"abstract\":\"A\"}", "title"),
                Arguments.of("missing abstract", "{\"title\":\"T\"}", "abstract"),
                Arguments.of("blank title", "{" + valid.replace("\"T\"", "\"  \"") + "}", "title"),
                Arguments.of("title too long", "{" + valid.replace("\"T\"", quote("t".repeat(201))) + "}", "title"),
                Arguments.of("a line break in the title", "{" + valid.replace("\"T\"", "\"two\\nlines\"") + "}", "title"),
                Arguments.of("an encoded-word in the title", "{" + valid.replace("\"T\"", "\"=?utf-8?B?4oCuQWRh?=\"") + "}", "title"),
                Arguments.of("NUL in the abstract", "{" + valid.replace("\"A\"", "\"A\\u0000\"") + "}", "abstract"),
                Arguments.of("an unknown format", "{" + valid + ",\"format\":\"KEYNOTE\"}", "format"),
                Arguments.of("an unknown level", "{" + valid + ",\"level\":\"EXPERT\"}", "level"),
                Arguments.of("a bio too long", "{" + valid + ",\"speakerBio\":" + quote("b".repeat(1001)) + "}", "speakerBio"),
                Arguments.of("NUL in the bio", "{" + valid + ",\"speakerBio\":\"Ada\\u0000\"}", "speakerBio"),
                // Name and address say whom the emails go to: not the speaker's to change with the token.
                Arguments.of("the speaker's address", "{" + valid + ",\"speakerEmail\":\"other@example.com\"}", "speakerEmail"),
                Arguments.of("the status", "{" + valid + ",\"status\":\"APPROVED\"}", "status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEdits")
    void badEditIsRefusedWithAProblemAndChangesNothing(String what, String body, String field) {
        ResponseEntity<String> created = postJson("/proposals", submission("Unedited", "speaker@example.com"));
        String token = read(created, "$.trackingToken");

        ResponseEntity<String> answer = http.put().uri("/proposals/track/{token}", token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
        assertThat(isProblem(answer)).as(what + " is problem+json").isTrue();
        if (field != null) {
            assertThat((List<String>) read(answer, "$.errors[*].field")).as(what).contains(field);
        }
        ResponseEntity<String> tracked = get("/proposals/track/{token}", token);
        assertThat((String) read(tracked, "$.title")).as(what).isEqualTo("Unedited");
        assertThat((Object) read(tracked, "$.editedAt")).as(what).isNull();
    }

    @Test
    void aMultiLineBioOfExactlyTheLimitIsAccepted() {
        String bio = ("Line of a bio.\n").repeat(66) + "1234567890";
        assertThat(bio).hasSize(1000);

        ResponseEntity<String> answer = postJson("/proposals", """
                {"title":"T","abstract":"A","speakerName":"S","speakerEmail":"s@example.com","speakerBio":%s}
                """.formatted(quote(bio).replace("\n", "\\n")));

        assertThat(answer.getStatusCode().value()).isEqualTo(201);
        assertThat((String) read(answer, "$.speakerBio")).isEqualTo(bio.strip());
    }

    private static String withEmail(String valid, String email) {
        return "{" + valid.replace("s@example.com", email) + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void badSubmissionIsRefusedWithAProblem(String what, String body, int status, String field) {
        long before = count();

        ResponseEntity<String> answer = postJson("/proposals", body);

        assertThat(answer.getStatusCode().value()).as(what).isEqualTo(status);
        assertThat(isProblem(answer)).as(what + " is problem+json").isTrue();
        if (field != null) {
            assertThat((List<String>) read(answer, "$.errors[*].field")).as(what).contains(field);
        }
        assertThat(count()).as("nothing saved").isEqualTo(before);
    }

    @Test
    void titleWithAnOverlongSlashIsRefusedAndNothingIsStored() {
        long before = count();
        byte[] body = concat("{\"title\":\"a".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF},
                "b\",\"abstract\":\"A\",\"speakerName\":\"S\",\"speakerEmail\":\"s@example.com\"}"
                        .getBytes(StandardCharsets.UTF_8));

        ResponseEntity<String> answer = http.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
        assertThat((String) read(answer, "$.detail")).contains("not valid UTF-8");
        assertThat(count()).as("nothing saved").isEqualTo(before);
    }

    @Test
    void ordinaryAddressesAreAccepted() {
        for (String address : List.of("first.last+tag@sub.example-domain.org", "O'Brien@Example.IE", "a@b.io")) {
            ResponseEntity<String> answer = postJson("/proposals", submission("Addresses", address));

            assertThat(answer.getStatusCode().value()).as(address).isEqualTo(201);
            assertThat((String) read(answer, "$.speakerEmail")).isEqualTo(address);
        }
    }

    @Test
    void everyBadFieldIsListedAtOnce() {
        ResponseEntity<String> answer = postJson("/proposals",
                "{\"title\":\"\",\"abstract\":\"\",\"speakerName\":\"\",\"speakerEmail\":\"nope\"}");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat((List<String>) read(answer, "$.errors[*].field"))
                .contains("title", "abstract", "speakerName", "speakerEmail");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        ResponseEntity<String> answer = http.post().uri("/proposals").contentType(MediaType.TEXT_PLAIN)
                .body("title=x").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(415);
        assertThat(isProblem(answer)).isTrue();
    }

    @Test
    void chunkedOversizedBodyIsRefused() {
        byte[] huge = ("{\"title\":\"" + "x".repeat(100_000) + "\"}").getBytes();
        ResponseEntity<String> answer = http.post().uri("/proposals").contentType(MediaType.APPLICATION_JSON)
                .body(outputStream -> outputStream.write(huge)).retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isIn(400, 413);
        assertThat(isProblem(answer)).isTrue();
    }

    static Stream<Arguments> badReads() {
        return Stream.of(
                Arguments.of("/proposals/not-a-uuid", 400),
                Arguments.of("/proposals/1' OR '1'='1", 400),
                Arguments.of("/proposals?status=MAYBE", 400),
                Arguments.of("/proposals?page=-1", 400),
                Arguments.of("/proposals?size=0", 400),
                Arguments.of("/proposals?size=1000", 400),
                Arguments.of("/proposals?page=abc", 400),
                Arguments.of("/proposals?q=" + "q".repeat(300), 400),
                Arguments.of("/proposals?q=talk%00", 400),
                Arguments.of("/proposals?q=%ff%fe", 400),
                Arguments.of("/proposals?q=%c0%af", 400),
                Arguments.of("/proposals/track/" + "t".repeat(100), 400),
                Arguments.of("/proposals?status=withdrawn", 400),
                Arguments.of("/proposals?sort=title", 400),
                Arguments.of("/proposals?sort=SCORE", 400),
                Arguments.of("/proposals?reviewed=yours", 400),
                Arguments.of("/proposals?reviewed=MINE", 400),
                Arguments.of("/proposals?reviewed=mine", 400),
                Arguments.of("/proposals.csv?sort=oldest", 400),
                Arguments.of("/proposals.csv?reviewed=all", 400),
                Arguments.of("/proposals.csv?status=MAYBE", 400),
                Arguments.of("/proposals.csv?q=talk%00", 400),
                Arguments.of("/notifications?status=LOST", 400),
                Arguments.of("/notifications?size=101", 400),
                Arguments.of("/no-such-path", 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReads")
    void badReadIsRefusedWithAProblem(String path, int status) {
        ResponseEntity<String> answer = http.get().uri(URI.create(baseUrl() + path.replace(" ", "%20").replace("'", "%27")))
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).as(path).isEqualTo(status);
        assertThat(isProblem(answer)).as(path + " is problem+json").isTrue();
    }

    static Stream<Arguments> badDecisions() {
        return Stream.of(
                Arguments.of("{\"decision\":\"MAYBE\"}", "decision"),
                Arguments.of("{\"decision\":\"PENDING\"}", "decision"),
                Arguments.of("{\"decision\":null}", "decision"),
                Arguments.of("{}", "decision"),
                Arguments.of("{\"decision\":\"APPROVED\",\"by\":\"me\"}", "by"),
                Arguments.of("{\"decision\":true}", null),
                Arguments.of("not json", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDecisions")
    void badDecisionIsRefusedAndChangesNothing(String body, String field) {
        String id = submit("Undecided");

        ResponseEntity<String> answer = http.post().uri("/proposals/{id}/decision", id)
                .contentType(MediaType.APPLICATION_JSON).header("X-Organizer", "olivia").body(body)
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
        if (field != null) {
            assertThat((List<String>) read(answer, "$.errors[*].field")).contains(field);
        }
        assertThat((String) read(get("/proposals/{id}", id), "$.status")).isEqualTo("PENDING");
    }

    @Test
    void decisionWithoutOrganizerIsRefused() {
        String id = submit("Anonymous decision");

        ResponseEntity<String> answer = http.post().uri("/proposals/{id}/decision", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"decision\":\"APPROVED\"}")
                .retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
        assertThat((String) read(get("/proposals/{id}", id), "$.status")).isEqualTo("PENDING");
    }

    private long count() {
        return ((Integer) read(get("/proposals?size=1"), "$.totalItems")).longValue();
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.SmtpBackedTest;
import dev.conference.email.TestSmtpServer;
import dev.conference.web.ProblemJson;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** Whatever a client sends, a mistake is a 4xx problem+json naming what is wrong, never a 500 or a send. */
class BadInputTest extends SmtpBackedTest {

    private static final String VALID = """
            {"idempotencyKey":"bad-input:1","template":"PROPOSAL_RECEIVED","to":"ada@example.com",\
            "speakerName":"Ada Lovelace","proposalTitle":"Engines","trackingUrl":"https://example.com/track/1"}""";

    @Test
    void malformedJsonIsABadRequest() {
        post("{\"idempotencyKey\": ")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Malformed request body");
    }

    @Test
    void missingBodyIsABadRequest() {
        client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyMissingFieldIsNamed() {
        post("{}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(
                        "idempotencyKey", "template", "to", "speakerName", "proposalTitle"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"to\":\"ada@example.com\"                          | \"to\":\"not-an-email\"                       | to",
            "\"to\":\"ada@example.com\"                          | \"to\":\"ada lovelace@example.com\"           | to",
            "\"template\":\"PROPOSAL_RECEIVED\"                  | \"template\":\"PROPOSAL_LOST\"                 | template",
            "\"template\":\"PROPOSAL_RECEIVED\"                  | \"template\":1                                 | template",
            "\"idempotencyKey\":\"bad-input:1\"                  | \"idempotencyKey\":\"bad key/with spaces\"     | idempotencyKey",
            "\"trackingUrl\":\"https://example.com/track/1\"     | \"trackingUrl\":\"javascript:alert(1)\"        | trackingUrl",
            "\"trackingUrl\":\"https://example.com/track/1\"     | \"trackingUrl\":\"not a url\"                  | trackingUrl",
            "\"trackingUrl\":\"https://example.com/track/1\"     | \"trackingUrl\":\"https://x.org/\\\"><script>\" | trackingUrl",
            "\"speakerName\":\"Ada Lovelace\"                    | \"speakerName\":\"  \"                         | speakerName",
            "\"speakerName\":\"Ada Lovelace\"                    | \"speakerName\":42                             | speakerName",
            "\"proposalTitle\":\"Engines\"                       | \"proposalTitle\":[\"Engines\"]                | proposalTitle",
            "\"proposalTitle\":\"Engines\"                       | \"proposalTitle\":true                         | proposalTitle",
            "\"trackingUrl\":\"https://example.com/track/1\"     | \"trackingUrl\":\"https://example.com/t\",\"cc\":\"x@example.com\" | cc"})
    void anInvalidFieldIsNamedInTheProblem(String valid, String invalid, String field) {
        String body = VALID.replace(valid, invalid);
        assertThat(body).isNotEqualTo(VALID);

        post(body)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                // A blank name breaks two rules (not blank, visible); each error names the field.
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).isNotEmpty().containsOnly(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u00a0b@example.com", "j\\u00f6s\\u00e9@example.com", "\\\"a\\\"@example.com",
            "a@[127.0.0.1]", "ada@localhost", "a..b@example.com", "ada@exa_mple.com", "ada@example.com\\t"})
    void anAddressAnSmtpServerWouldRefuseIsRefused(String to) {
        post(VALID.replace("ada@example.com", to))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("to")
                .jsonPath("$.errors.length()").isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Ada Lovelace | =?utf-8?B?4oCuQWRh?=          | speakerName",
            "Engines      | Engines =?UTF-8?Q?=E2=80=AE?= | proposalTitle",
            "Ada Lovelace | Ada\\u0007                   | speakerName"})
    void textForMailHeadersFollowsThePlainTextRules(String valid, String invalid, String field) {
        post(VALID.replace("\"" + valid + "\"", "\"" + invalid + "\""))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void aBodyThatIsNotStrictlyUtf8IsRefused() {
        byte[] valid = VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[valid.length + 2];
        int at = VALID.indexOf("Engines");
        System.arraycopy(valid, 0, body, 0, at);
        body[at] = (byte) 0xC0;
        body[at + 1] = (byte) 0xAF;
        System.arraycopy(valid, at, body, at + 2, valid.length - at);

        client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("not valid UTF-8"));
    }

    @Test
    void aTooLongTitleIsRefused() {
        post(VALID.replace("Engines", "x".repeat(201)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("proposalTitle");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        post(VALID.replace("Engines", "x".repeat(70 * 1024)))
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo(ProblemJson.TOO_LARGE_TITLE)
                .jsonPath("$.detail").isEqualTo(ProblemJson.tooLargeDetail(65536));
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_XML_VALUE})
    void aBodyThatIsNotJsonIsRefusedWith415(String contentType) {
        client().post().uri("/emails").contentType(MediaType.parseMediaType(contentType)).body(VALID)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void scriptInEveryFieldIsEscapedInHtmlAndLiteralInText() throws Exception {
        String script = "<script>alert(1)</script>";
        String key = uniqueKey();
        String body = """
                {"idempotencyKey":"%s","template":"PROPOSAL_REJECTED","to":"ada@example.com",\
                "speakerName":"%s","proposalTitle":"%s","trackingUrl":"https://example.com/t?a=1&b=2"}"""
                .formatted(key, script, script);

        SendEmailResponse response = client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(SendEmailResponse.class).returnResult().getResponseBody();

        MimeMessage message = TestSmtpServer.messagesWithId(response.messageId()).getFirst();
        assertThat(message.getSubject()).isEqualTo("About your proposal: " + script);
        var parts = (MimeMultipart) message.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("Hello " + script, "\"" + script + "\"");
        assertThat(html).doesNotContain("<script>")
                .contains("Hello &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("href=\"https://example.com/t?a=1&amp;b=2\"");
    }

    private ResponseSpec post(String body) {
        return client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }
}

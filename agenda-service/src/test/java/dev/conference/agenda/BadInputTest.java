package dev.conference.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.agenda.HttpApi.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Whatever a client sends, the answer is a 4xx problem+json, never a 500, and nothing half-saved. */
class BadInputTest extends AgendaServiceTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String SQL = "'; DROP TABLE x;--";

    String itemId;

    @BeforeEach
    void createAnItemToAimAt() {
        itemId = api.createItem(UUID.randomUUID().toString(), "Target").json().get("id").asString();
    }

    // POST /agenda-items

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"proposalId\":", "not json", "{\"title\":\"a\"} trailing", "[1,2", "\"a string\"", "[]",
            "null", "{\"title\":\"a\",\"title\":\"b\"}"})
    void malformedCreateBodyIsRefused(String body) {
        assertRefused(api.send("POST", "/agenda-items", "application/json", body), 400);
        assertNothingWasAdded();
    }

    @Test
    void missingCreateBodyIsRefused() {
        assertRefused(api.send("POST", "/agenda-items", "application/json", null), 400);
    }

    @Test
    void missingFieldsAreEachNamed() {
        Response refused = api.send("POST", "/agenda-items", "application/json", "{}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("abstract", "proposalId", "speakerName", "title");
        assertNothingWasAdded();
    }

    @Test
    void blankAndNullFieldsAreEachNamed() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proposalId", null);
        body.put("title", " ");
        body.put("abstract", "");
        body.put("speakerName", "\t");

        Response refused = api.send("POST", "/agenda-items", "application/json", HttpApi.json(body));

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("abstract", "proposalId", "speakerName", "title");
    }

    @Test
    void overlongFieldsAreNamed() {
        Response refused = api.createItem(Map.of("proposalId", UUID.randomUUID().toString(), "title", "t".repeat(201),
                "abstract", "a".repeat(5001), "speakerName", "s".repeat(201)));

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("abstract", "speakerName", "title");
        assertNothingWasAdded();
    }

    @Test
    void fieldsAtTheirLongestAreAccepted() {
        Response created = api.createItem(Map.of("proposalId", UUID.randomUUID().toString(), "title", "t".repeat(200),
                "abstract", "a".repeat(5000), "speakerName", "s".repeat(200)));

        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void aNumberForTheProposalIdIsAWrongType() {
        Response refused = api.send("POST", "/agenda-items", "application/json",
                "{\"proposalId\":5,\"title\":\"t\",\"abstract\":\"a\",\"speakerName\":\"s\"}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("proposalId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"not-a-uuid\"", "\"\"", "true", "{}", "[]"})
    void aProposalIdThatIsNotAUuidIsRefused(String proposalId) {
        Response refused = api.send("POST", "/agenda-items", "application/json",
                "{\"proposalId\":" + proposalId + ",\"title\":\"t\",\"abstract\":\"a\",\"speakerName\":\"s\"}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("proposalId");
    }

    @Test
    void anObjectForTheTitleIsAWrongType() {
        Response refused = api.send("POST", "/agenda-items", "application/json", "{\"proposalId\":\"" + UUID.randomUUID()
                + "\",\"title\":{\"nested\":1},\"abstract\":\"a\",\"speakerName\":\"s\"}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("title");
    }

    @Test
    void unknownFieldsAreRefused() {
        Map<String, Object> body = new LinkedHashMap<>(validCreation());
        body.put("room", "Main Hall");

        Response refused = api.createItem(body);

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("room");
        assertNothingWasAdded();
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String body = HttpApi.json(Map.of("proposalId", UUID.randomUUID().toString(), "title", "t",
                "abstract", "a".repeat(70_000), "speakerName", "s"));

        assertRefused(api.send("POST", "/agenda-items", "application/json", body), 413);
        assertNothingWasAdded();
    }

    @Test
    void anOversizedChunkedBodyIsRefusedWith413() {
        byte[] body = HttpApi.json(Map.of("proposalId", UUID.randomUUID().toString(), "title", "t",
                "abstract", "a".repeat(70_000), "speakerName", "s")).getBytes(StandardCharsets.UTF_8);

        assertRefused(api.sendChunked("POST", "/agenda-items", "application/json", body), 413);
        assertNothingWasAdded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
    void aBodyThatIsNotJsonIsRefusedWith415(String contentType) {
        assertRefused(api.send("POST", "/agenda-items", contentType, HttpApi.json(validCreation())), 415);
        assertNothingWasAdded();
    }

    @Test
    void scriptAndSqlTextIsStoredAndReturnedLiterally() {
        String proposalId = UUID.randomUUID().toString();
        Response created = api.createItem(Map.of("proposalId", proposalId, "title", SCRIPT + " " + SQL,
                "abstract", SQL + "\n" + SCRIPT + " \\ \" / 🎉 \u0000", "speakerName", "Robert'); DROP TABLE speakers;--"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode stored = api.get("/agenda-items/" + created.json().get("id").asString()).json();
        assertThat(stored.get("title").asString()).isEqualTo(SCRIPT + " " + SQL);
        assertThat(stored.get("abstract").asString()).isEqualTo(SQL + "\n" + SCRIPT + " \\ \" / 🎉 \u0000");
        assertThat(stored.get("speakerName").asString()).isEqualTo("Robert'); DROP TABLE speakers;--");
        assertThat(api.get("/agenda-items?proposalId=" + proposalId).json().get(0)).isEqualTo(stored);
        assertThat(api.get("/agenda-items.ics").body()).contains("SUMMARY:" + SCRIPT + " '\\; DROP TABLE x\\;--");
    }

    // PUT /agenda-items/{id}/slot

    @ParameterizedTest
    @ValueSource(strings = {"{", "nonsense", "[]", "null", "{\"day\":\"2027-05-12\"} {}"})
    void malformedMoveBodyIsRefused(String body) {
        assertRefused(api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json", body), 400);
        assertTargetStayedInTheFirstSlot();
    }

    @Test
    void missingMoveBodyIsRefused() {
        assertRefused(api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json", null), 400);
    }

    @Test
    void missingMoveFieldsAreEachNamed() {
        Response refused = api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json", "{}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("day", "room", "startTime");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"day\":\"12-05-2027\",\"startTime\":\"09:00\",\"room\":\"Main Hall\"}",
            "{\"day\":\"2027-02-30\",\"startTime\":\"09:00\",\"room\":\"Main Hall\"}",
            "{\"day\":20270512,\"startTime\":\"09:00\",\"room\":\"Main Hall\"}"})
    void aDayThatIsNotAnIsoDateIsRefused(String body) {
        Response refused = api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json", body);

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("day");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"9am\"", "\"09:00:00\"", "\"25:00\"", "\"\"", "900", "true", "{}"})
    void aStartTimeThatIsNotHoursAndMinutesIsRefused(String startTime) {
        Response refused = api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json",
                "{\"day\":\"2027-05-12\",\"startTime\":" + startTime + ",\"room\":\"Main Hall\"}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("startTime");
    }

    @Test
    void unknownMoveFieldsAreRefused() {
        Response refused = api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json",
                "{\"day\":\"2027-05-12\",\"startTime\":\"10:00\",\"room\":\"Main Hall\",\"endTime\":\"10:45\"}");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("endTime");
        assertTargetStayedInTheFirstSlot();
    }

    @Test
    void anOversizedMoveBodyIsRefusedWith413() {
        String body = "{\"day\":\"2027-05-12\",\"startTime\":\"10:00\",\"room\":\"" + "x".repeat(70_000) + "\"}";

        assertRefused(api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json", body), 413);
    }

    @Test
    void aMoveBodyThatIsNotJsonIsRefusedWith415() {
        assertRefused(api.send("PUT", "/agenda-items/" + itemId + "/slot", "text/plain",
                "{\"day\":\"2027-05-12\",\"startTime\":\"10:00\",\"room\":\"Main Hall\"}"), 415);
        assertTargetStayedInTheFirstSlot();
    }

    @Test
    void scriptAsARoomIsJustNotARoomOfTheGrid() {
        Response refused = api.send("PUT", "/agenda-items/" + itemId + "/slot", "application/json",
                HttpApi.json(Map.of("day", "2027-05-12", "startTime", "10:00", "room", SCRIPT)));

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("room");
    }

    // ids and query parameters

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "%27%3B%20DROP%20TABLE%20x%3B--", "%3Cscript%3E",
            "00000000-0000-0000-0000-00000000000g"})
    void anItemIdThatIsNotAUuidIsRefusedOnEveryEndpoint(String id) {
        assertRefusedNamingId(api.get("/agenda-items/" + id));
        assertRefusedNamingId(api.delete("/agenda-items/" + id));
        assertRefusedNamingId(api.send("PUT", "/agenda-items/" + id + "/slot", "application/json",
                "{\"day\":\"2027-05-12\",\"startTime\":\"10:00\",\"room\":\"Main Hall\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"day=tomorrow", "day=2027-13-01", "day=12.05.2027", "proposalId=42", "proposalId=%3Cscript%3E"})
    void aQueryParameterOfTheWrongTypeIsNamed(String query) {
        Response refused = api.get("/agenda-items?" + query);

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly(query.substring(0, query.indexOf('=')));
    }

    @Test
    void freeThatIsNotABooleanIsNamed() {
        Response refused = api.get("/slots?free=maybe");

        assertRefused(refused, 400);
        assertThat(fields(refused)).containsExactly("free");
    }

    @Test
    void anUnknownPathIsA404Problem() {
        assertRefused(api.get("/agenda-items/" + itemId + "/speakers"), 404);
        assertRefused(api.get("/nothing-here"), 404);
    }

    @Test
    void anUnsupportedMethodIsA405Problem() {
        assertRefused(api.send("PATCH", "/agenda-items/" + itemId, "application/json", "{}"), 405);
        assertRefused(api.send("DELETE", "/agenda-items", null, null), 405);
        assertRefused(api.send("POST", "/slots", "application/json", "{}"), 405);
    }

    private void assertRefusedNamingId(Response response) {
        assertRefused(response, 400);
        assertThat(fields(response)).containsExactly("id");
    }

    private static void assertRefused(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as("content type %s", response.contentType()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
    }

    private static List<String> fields(Response problem) {
        return problem.json().get("errors").findValuesAsString("field");
    }

    private void assertNothingWasAdded() {
        assertThat(api.get("/agenda-items").json()).hasSize(1);
    }

    private void assertTargetStayedInTheFirstSlot() {
        JsonNode target = api.get("/agenda-items/" + itemId).json();
        assertThat(target.get("startTime").asString()).isEqualTo("09:00");
        assertThat(target.get("room").asString()).isEqualTo("Main Hall");
    }

    private static Map<String, Object> validCreation() {
        return Map.of("proposalId", UUID.randomUUID().toString(), "title", "t", "abstract", "a", "speakerName", "s");
    }
}

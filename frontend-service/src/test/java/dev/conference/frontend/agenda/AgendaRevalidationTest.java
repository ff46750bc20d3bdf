package dev.conference.frontend.agenda;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Without the micro-cache every agenda read asks agenda-service, but the body crosses the network only when it
 * changed: the gateway asks with the tag of the answer it keeps, and agenda-service's 304 serves that answer.
 */
class AgendaRevalidationTest extends GatewayTest {

    private EntityExchangeResult<String> read(String id, String ifNoneMatch) {
        var request = http.get().uri("/api/agenda/" + id);
        if (ifNoneMatch != null) {
            request = request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
        }
        return request.exchange().expectBody(String.class).returnResult();
    }

    private static String item(String id, String title) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"day\":\"2027-05-12\"}";
    }

    private List<String> tagsAskedWith(String id) {
        return AGENDA.received("GET", "/agenda-items/" + id).stream()
                .map(received -> String.join(",", received.header(HttpHeaders.IF_NONE_MATCH)))
                .toList();
    }

    @Test
    void aReadAsksWithTheTagOfTheAnswerKeptAndA304ServesThatAnswer() {
        String id = newId();
        String item = item(id, "Revalidation");
        AGENDA.answer("GET", "/agenda-items/" + id, json(200, item));
        EntityExchangeResult<String> first = read(id, null);
        assertThat(first.getStatus().value()).isEqualTo(200);
        String tag = first.getResponseHeaders().getETag();

        AGENDA.answer("GET", "/agenda-items/" + id, json(304, "").withHeader(HttpHeaders.ETAG, tag));
        EntityExchangeResult<String> second = read(id, null);

        assertThat(second.getStatus().value()).isEqualTo(200);
        assertThat(second.getResponseBody()).isEqualTo(item);
        assertThat(second.getResponseHeaders().getETag()).isEqualTo(tag);
        assertThat(second.getResponseHeaders().getContentType()).hasToString("application/json");
        assertThat(second.getResponseHeaders().getFirst(AgendaCacheGatewayFilterFactory.STALE_HEADER)).isNull();
        assertThat(tagsAskedWith(id)).containsExactly("", tag);
    }

    @Test
    void theBrowsersOwnTagIsAnsweredByTheGatewayAgainstTheAnswerServed() {
        String id = newId();
        AGENDA.answer("GET", "/agenda-items/" + id, json(200, item(id, "Before")));
        String tag = read(id, null).getResponseHeaders().getETag();
        AGENDA.answer("GET", "/agenda-items/" + id, json(304, "").withHeader(HttpHeaders.ETAG, tag));

        assertThat(read(id, tag).getStatus().value()).as("unchanged: the browser keeps its copy").isEqualTo(304);
        assertThat(read(id, "\"an-older-one\"").getStatus().value()).isEqualTo(200);

        String changed = item(id, "After");
        AGENDA.answer("GET", "/agenda-items/" + id, json(200, changed));
        EntityExchangeResult<String> after = read(id, tag);
        assertThat(after.getStatus().value()).as("changed: the browser gets the new answer").isEqualTo(200);
        assertThat(after.getResponseBody()).isEqualTo(changed);
        assertThat(tagsAskedWith(id)).as("agenda-service is always asked with the gateway's tag")
                .containsExactly("", tag, tag, tag);
    }

    @Test
    void a304ForATagTheGatewayDidNotAskWithIsNotTakenForTheAnswer() {
        String id = newId();
        String item = item(id, "Kept");
        AGENDA.answer("GET", "/agenda-items/" + id, json(200, item));
        read(id, null);
        AGENDA.answer("GET", "/agenda-items/" + id, json(304, "").withHeader(HttpHeaders.ETAG, "\"something-else\""));

        EntityExchangeResult<String> answer = read(id, null);

        assertThat(answer.getStatus().value()).isEqualTo(200);
        assertThat(answer.getResponseBody()).isEqualTo(item);
        assertThat(answer.getResponseHeaders().getFirst(AgendaCacheGatewayFilterFactory.STALE_HEADER))
                .as("answered from the copy, as when agenda-service fails").isEqualTo("true");
    }
}

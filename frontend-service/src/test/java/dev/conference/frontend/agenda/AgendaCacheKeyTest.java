package dev.conference.frontend.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/**
 * A request target read as sent ({@link AgendaCacheKey#ofTarget}, for {@link AgendaHotReads}) never gets another
 * key than Spring's parsed request would: at most it gets none, and the request goes the normal way.
 */
class AgendaCacheKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/agenda", "/api/agenda.ics", "/api/agenda?day=2027-05-12",
            "/api/agenda/0a9e0d00-0000-4000-8000-000000000001", "/api/agenda/0A9E0D00-0000-4000-8000-000000000001"})
    void theReadsTheCacheKnowsGetTheKeySpringsRequestGets(String target) {
        AgendaCacheKey key = AgendaCacheKey.ofTarget(target);

        assertThat(key).isNotNull().isEqualTo(AgendaCacheKey.of(MockServerHttpRequest.get(target).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/agenda?day=2027-05-12&day=2027-05-13", "/api/agenda?day=2027-13-40",
            "/api/agenda?days=2027-05-12", "/api/agenda?day=2027-05-12&x=1", "/api/agenda?", "/api/agenda.ics?x=1",
            "/api/agenda/not-a-uuid", "/api/agenda/0a9e0d00-0000-4000-8000-000000000001/slot",
            "/api/agenda/0a9e0d00-0000-4000-8000-000000000001?x", "/api/agenda/", "/api/agendas", "/api/proposals",
            "/api/agenda%3Fday=2027-05-12", "/api/agenda?day=2027%2D05-12", "/api/agenda?day=+2027-05-12",
            "http://localhost/api/agenda", "/api/agenda;x=1", "/api/agenda?day==2027-05-12"})
    void anythingElseGetsNoKeyFromTheTarget(String target) {
        assertThat(AgendaCacheKey.ofTarget(target)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/agenda?day=2027-13-40", "/api/agenda?days=2027-05-12", "/api/agenda/not-a-uuid",
            "/api/agenda/0a9e0d00-0000-4000-8000-000000000001/slot", "/api/agendas", "/api/proposals"})
    void whereSpringsRequestHasNoKeyEither(String target) {
        assertThat(AgendaCacheKey.of(MockServerHttpRequest.get(target).build())).isNull();
    }
}

package dev.conference.frontend.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import reactor.core.publisher.Mono;

/**
 * The hot path answers before Spring Security: it must answer nothing that security would not let an
 * anonymous caller reach. Asks security itself (its filter chain as configured) about every request the
 * hot path would answer from memory.
 */
class AgendaReadSecurityTest extends GatewayTest {

    private static final String ID = "0a9e0d00-0000-4000-8000-000000000001";

    @Autowired
    private List<SecurityWebFilterChain> securityChains;

    @Test
    void everyReadTheHotPathAnswersIsOneSecurityLetsAnonymousCallersMake() {
        List<MockServerHttpRequest> answered = new ArrayList<>();
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE)) {
            for (String uri : List.of("/api/agenda", "/api/agenda?day=2027-05-12", "/api/agenda.ics", "/api/agenda/" + ID,
                    "/api/agenda/" + ID + "/slot", "/api/agenda/" + ID.toUpperCase(), "/api/agenda/", "/api/agenda-items",
                    "/api/agenda?day=x", "/api/agendas", "/api/slots", "/api/proposals", "/api/agenda;x=1",
                    "/api/agenda/" + ID + ";x=1", "/api//agenda", "/API/agenda")) {
                MockServerHttpRequest request = MockServerHttpRequest.method(method, uri).build();
                if (AgendaCacheKey.of(request) != null) {
                    answered.add(request);
                    assertThat(anonymousMayReach(request)).as("%s %s", method, uri).isTrue();
                }
            }
        }
        assertThat(answered).extracting(request -> request.getMethod() + " " + request.getURI().getRawPath())
                .contains("GET /api/agenda", "GET /api/agenda.ics", "GET /api/agenda/" + ID)
                .noneMatch(call -> call.endsWith("/slot") || !call.startsWith("GET "));
    }

    @Test
    void theQuestionToSecurityCanBeAnsweredNo() {
        assertThat(anonymousMayReach(MockServerHttpRequest.put("/api/agenda/" + ID + "/slot").build())).isFalse();
        assertThat(anonymousMayReach(MockServerHttpRequest.get("/api/slots").build())).isFalse();
        assertThat(anonymousMayReach(MockServerHttpRequest.get("/api/agenda").build())).isTrue();
    }

    private boolean anonymousMayReach(MockServerHttpRequest request) {
        AtomicBoolean reached = new AtomicBoolean();
        new WebFilterChainProxy(securityChains.toArray(SecurityWebFilterChain[]::new))
                .filter(MockServerWebExchange.from(request), exchange -> {
                    reached.set(true);
                    return Mono.empty();
                })
                .block();
        return reached.get();
    }
}

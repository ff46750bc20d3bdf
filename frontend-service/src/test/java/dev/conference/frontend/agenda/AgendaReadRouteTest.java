package dev.conference.frontend.agenda;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.frontend.GatewayTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * Without the micro-cache, agenda reads are asked of agenda-service from the connection's pipeline
 * ({@link AgendaHotReads}), with the {@code agenda-read} route's own settings, breaker and bulkhead.
 */
class AgendaReadRouteTest extends GatewayTest {

    @Autowired
    private GatewayProperties gateway;

    @Autowired
    private HttpClientProperties httpClient;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Autowired
    private MeterRegistry meters;

    @Test
    void thePipelineCallsWithTheRoutesSettings() {
        AgendaReadRoute route = AgendaReadRoute.of(gateway, httpClient);

        assertThat(route.uri()).isEqualTo(URI.create(AGENDA.url()));
        assertThat(route.pathPrefix()).isEqualTo("/agenda-items");
        assertThat(route.upstreamTarget("/api/agenda.ics")).isEqualTo("/agenda-items.ics");
        assertThat(route.upstreamTarget("/api/agenda?day=2027-05-12")).isEqualTo("/agenda-items?day=2027-05-12");
        assertThat(route.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(route.responseTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(route.breaker()).isEqualTo("agenda-public");
        assertThat(route.maxIdle()).isEqualTo(Duration.ofSeconds(10));
        assertThat(route.maxLife()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRewriteThatDoesMoreThanReplaceThePrefixStopsTheStart() {
        GatewayProperties other = new GatewayProperties();
        RouteDefinition route = new RouteDefinition("agenda-read=http://localhost:8082");
        route.setFilters(List.of(new FilterDefinition("CircuitBreaker=agenda-public"),
                new FilterDefinition("RewritePath=/api/agenda/(?<id>.*), /items?id=$\\{id}")));
        other.setRoutes(List.of(route));

        assertThatThrownBy(() -> AgendaReadRoute.of(other, httpClient))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RewritePath");
    }

    @Test
    void anUncachedReadIsAnsweredFromThePipelineAndCountsInTheRoutesBreaker() {
        CircuitBreaker breaker = breakers.circuitBreaker("agenda-public");
        double answeredBefore = meters.get("frontend.agenda.hot.reads").counter().count();
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"), json(503, "{}"));

        http.get().uri("/api/agenda").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("[]");

        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isEqualTo(answeredBefore + 1);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);

        // A failure the pipeline leaves to the route: the route calls again, retries, and counts it once.
        http.get().uri("/api/agenda").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(AgendaCacheGatewayFilterFactory.STALE_HEADER, "true");

        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(AGENDA.received("GET", "/agenda-items")).as("the pipeline's two calls, the route's call and its retry")
                .hasSize(4);
        assertThat(meters.get("frontend.agenda.hot.reads").counter().count()).isEqualTo(answeredBefore + 1);
    }
}

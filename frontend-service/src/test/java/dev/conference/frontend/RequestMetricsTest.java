package dev.conference.frontend;

import static dev.conference.frontend.FakeBackend.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.context.ApplicationContext;

/**
 * Each request is timed once as a whole and each proxied one once per route, not in every step of the security
 * filter chain nor again as an observed HTTP client call: those were read by no dashboard and made every request
 * slower.
 */
class RequestMetricsTest extends GatewayTest {

    @Autowired
    ApplicationContext context;

    @Test
    void requestsAreTimedAsAWholeAndPerRouteOnly() {
        AGENDA.answer("GET", "/agenda-items", json(200, "[]"));
        http.get().uri("/api/agenda").exchange().expectStatus().isOk();
        http.get().uri("/api/proposals").exchange().expectStatus().isUnauthorized();

        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("http_server_requests_seconds_count{", "spring_cloud_gateway_requests_seconds_count{")
                .doesNotContain("spring_security_filterchains", "spring_security_authorizations");
        assertThat(context.getBeanProvider(ObservedRequestHttpHeadersFilter.class).getIfAvailable())
                .as("the gateway's observation of each proxied call").isNull();
    }
}

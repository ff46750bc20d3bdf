package dev.conference.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The security headers every answer gets, as {@link SecurityConfiguration#SECURITY_HEADERS} writes them. */
class SecurityHeadersTest {

    @Test
    void anAnswerGetsEveryFixedHeaderAndNoCaching() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/api/cfp"));

        SecurityConfiguration.SECURITY_HEADERS.writeHttpHeaders(exchange).block();

        HttpHeaders headers = exchange.getResponse().getHeaders();
        SecurityConfiguration.FIXED_SECURITY_HEADERS.forEach((name, value) -> assertThat(headers.get(name)).as(name)
                .containsExactly(value));
        assertThat(headers.getCacheControl()).contains("no-store");
        assertThat(headers.containsHeader("Strict-Transport-Security")).as("HSTS over plain HTTP").isFalse();
    }

    @Test
    void aHeaderTheAnswerSetsItselfIsKeptAndTheOthersAreAdded() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost/embed"));
        exchange.getResponse().getHeaders().set("x-frame-options", "SAMEORIGIN");

        SecurityConfiguration.SECURITY_HEADERS.writeHttpHeaders(exchange).block();

        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(headers.get("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(headers.get("Content-Security-Policy")).containsExactly(SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void overHttpsTheAnswerAlsoGetsStrictTransportSecurity() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://localhost/"));

        SecurityConfiguration.SECURITY_HEADERS.writeHttpHeaders(exchange).block();

        assertThat(exchange.getResponse().getHeaders().getFirst("Strict-Transport-Security")).startsWith("max-age=");
    }
}

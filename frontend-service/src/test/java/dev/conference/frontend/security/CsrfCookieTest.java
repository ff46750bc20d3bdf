package dev.conference.frontend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.BodyInserters;

/** The CSRF cookie is SameSite, changes at login and is cleared at logout. */
class CsrfCookieTest extends GatewayTest {

    @Test
    void theTokenIsNewAfterALoginAndGoneAfterTheLogout() {
        ResponseCookie before = http.get().uri("/admin").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(before).isNotNull();
        assertThat(before.getSameSite()).isEqualTo("Strict");
        assertThat(before.isHttpOnly()).as("the pages' script reads it").isFalse();

        var login = http.post().uri("/login").cookie("XSRF-TOKEN", before.getValue()).header("X-XSRF-TOKEN", before.getValue())
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", ORGANIZER).with("password", PASSWORD))
                .exchange().expectStatus().isOk().returnResult(String.class);
        assertThat(login.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).filteredOn(c -> c.startsWith("XSRF-TOKEN=")).hasSize(1);
        ResponseCookie after = login.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(after).isNotNull();
        assertThat(after.getValue()).isNotBlank().isNotEqualTo(before.getValue());
        assertThat(after.getSameSite()).isEqualTo("Strict");
        String session = login.getResponseCookies().getFirst("SESSION").getValue();

        ResponseCookie cleared = http.post().uri("/logout").cookie("SESSION", session)
                .cookie("XSRF-TOKEN", after.getValue()).header("X-XSRF-TOKEN", after.getValue())
                .exchange().expectStatus().isNoContent()
                .returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(cleared).isNotNull();
        assertThat(cleared.getMaxAge()).isZero();
    }

    @Test
    void theCookieIsSecureWhereverTheSessionCookieIs() {
        assertThat(savedCookie(null, "http://frontend.example/admin").isSecure()).isFalse();
        assertThat(savedCookie(true, "http://frontend.example/admin").isSecure()).as("TLS ends at the ingress").isTrue();
    }

    private static ResponseCookie savedCookie(Boolean secure, String url) {
        var tokens = SecurityConfiguration.csrfTokens(secure);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        tokens.generateToken(exchange).flatMap(token -> tokens.saveToken(exchange, token)).block();
        ResponseCookie cookie = exchange.getResponse().getCookies().getFirst("XSRF-TOKEN");
        assertThat(cookie).isNotNull();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        return cookie;
    }
}

package dev.conference.frontend.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.conference.frontend.RandomPortFrontendTest;
import dev.conference.testsupport.TestRedis;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OIDC login, whole: the gateway configured with an issuer (a fake one here, serving discovery,
 * keys and tokens), the browser sent to it, back with a code, the ID token checked, and the user an
 * organizer only when the token's groups claim says so.
 */
class OidcLoginTest extends RandomPortFrontendTest {

    private static final WireMockServer ISSUER = new WireMockServer(options().dynamicPort());
    private static final RSAKey SIGNING_KEY = signingKey();
    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("frontend-oidc");

    static {
        ISSUER.start();
        ISSUER.stubFor(get(urlEqualTo("/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                         "jwks_uri":"%1$s/jwks","response_types_supported":["code"],
                         "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}
                        """.formatted(ISSUER.baseUrl()))));
        ISSUER.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.oidc.issuer-uri", ISSUER::baseUrl);
        registry.add("spring.security.oauth2.client.registration.oidc.client-id", () -> "conference-frontend");
        registry.add("spring.security.oauth2.client.registration.oidc.client-secret", () -> "not-a-real-secret");
        registry.add("spring.security.oauth2.client.registration.oidc.scope", () -> "openid");
        REDIS.register(registry, "frontend.key-prefix");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop();
    }

    @Test
    void loginOptionsOfferTheIssuer() {
        http.get().uri("/api/login-options").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.oidc").isEqualTo("/oauth2/authorization/oidc");
    }

    @Test
    void memberOfTheOrganizersGroupLogsInAsOrganizer() {
        String session = logIn("ada", List.of("staff", "organizers"));

        http.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("ada")
                .jsonPath("$.organizer").isEqualTo(true);
    }

    @Test
    void memberOfTheReviewersGroupLogsInAsReviewerAndMayReadButNotDecide() {
        String session = logIn("rex", List.of("staff", "reviewers"));

        http.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.organizer").isEqualTo(false)
                .jsonPath("$.role").isEqualTo("REVIEWER");
        http.get().uri("/api/notifications").cookie("SESSION", session).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void memberOfBothGroupsIsAnOrganizer() {
        String session = logIn("bea", List.of("reviewers", "organizers"));

        http.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("ORGANIZER");
    }

    @Test
    void userOutsideTheGroupLogsInButIsRefusedOrganizerRoutes() {
        String session = logIn("eve", List.of("staff"));

        http.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.organizer").isEqualTo(false).jsonPath("$.role").isEmpty();
        http.get().uri("/api/proposals").cookie("SESSION", session).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        EntityExchangeResult<byte[]> start = startLogin();
        String state = queryParam(start, "state");
        ISSUER.stubFor(post(urlEqualTo("/token")).willReturn(tokenResponse(
                idToken(signingKey(), "mallory", List.of("organizers"), queryParam(start, "nonce")))));

        EntityExchangeResult<byte[]> callback = http.get().uri("/login/oauth2/code/oidc?code=c0de&state=" + state)
                .cookie("SESSION", sessionOf(start)).exchange()
                .expectStatus().is3xxRedirection().expectBody().returnResult();

        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/admin?error");
    }

    /** Goes through the authorization code flow for a user with these groups; returns the new session. */
    private String logIn(String user, List<String> groups) {
        EntityExchangeResult<byte[]> start = startLogin();
        ISSUER.stubFor(post(urlEqualTo("/token")).willReturn(tokenResponse(
                idToken(SIGNING_KEY, user, groups, queryParam(start, "nonce")))));

        EntityExchangeResult<byte[]> callback = http.get()
                .uri("/login/oauth2/code/oidc?code=c0de&state=" + queryParam(start, "state"))
                .cookie("SESSION", sessionOf(start)).exchange()
                .expectStatus().is3xxRedirection().expectBody().returnResult();

        assertThat(callback.getResponseHeaders().getLocation()).hasToString("/admin");
        return sessionOf(callback);
    }

    private EntityExchangeResult<byte[]> startLogin() {
        EntityExchangeResult<byte[]> start = http.get().uri("/oauth2/authorization/oidc").exchange()
                .expectStatus().is3xxRedirection().expectBody().returnResult();
        assertThat(start.getResponseHeaders().getLocation().toString()).startsWith(ISSUER.baseUrl() + "/authorize?");
        assertThat(queryParam(start, "client_id")).isEqualTo("conference-frontend");
        return start;
    }

    private static String sessionOf(EntityExchangeResult<byte[]> result) {
        ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
        assertThat(session).as("SESSION cookie").isNotNull();
        return session.getValue();
    }

    private static String queryParam(EntityExchangeResult<byte[]> result, String name) {
        URI location = result.getResponseHeaders().getLocation();
        String value = UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst(name);
        assertThat(value).as(name).isNotNull();
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static ResponseDefinitionBuilder tokenResponse(String idToken) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"access_token":"an-access-token","token_type":"Bearer","expires_in":300,"id_token":"%s"}
                """.formatted(idToken));
    }

    private static String idToken(RSAKey key, String user, List<String> groups, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER.baseUrl())
                .subject("sub-" + user)
                .audience("conference-frontend")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("preferred_username", user)
                .claim("groups", groups)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey signingKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.conference.frontend.security;

import dev.conference.frontend.agenda.AgendaRead;
import dev.conference.frontend.config.FrontendProperties;
import dev.conference.frontend.organizer.Organizers;
import dev.conference.frontend.web.Problems;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what (the route table in the service README). Anyone: the pages, agenda reads, submitting, the CfP
 * window; whoever holds the token: tracking, editing and withdrawing a proposal, personal schedules; health and
 * Prometheus. Organizers and reviewers: reading proposals (list, one, the CSV export) and their own review.
 * Organizers only: everything else under {@code /api}. Nothing else of the actuator.
 *
 * <p>API callers get problem+json: 401 without a login, 403 for a logged-in user whose role does not allow
 * the call or a state-changing request without the CSRF token. The token is double-submit: the
 * {@code XSRF-TOKEN} cookie, which the pages' script sends back in {@code X-XSRF-TOKEN}; a login makes a new
 * one and a logout clears it.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The security headers whose values depend on neither the answer nor the connection, each written unless the
     * answer has it already: for {@link #SECURITY_HEADERS} and for answers made before Spring Security's chain.
     */
    public static final Map<String, String> FIXED_SECURITY_HEADERS = fixedSecurityHeaders();

    /**
     * The security headers of every answer: Spring Security's defaults (no caching unless the answer
     * says otherwise, nosniff, HSTS on HTTPS, X-XSS-Protection 0) plus the CSP, referrer, framing and
     * permissions policies.
     */
    public static final ServerHttpHeadersWriter SECURITY_HEADERS = securityHeaders();

    /** The pages load scripts, styles and data only from here, and nothing inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String CSRF_COOKIE = "XSRF-TOKEN";

    /**
     * No observation of each security filter and of each authorization: they only timed steps of every request,
     * which no dashboard or alert reads. Wrapping each of the chain's filters makes every request's operator chain
     * deeper, and Reactor's context lookups along such chains were the largest single cost in a profile of proxied
     * agenda reads (bench/README.md). Logins are still observed.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).shouldObserveAuthorizations(false)
                .build();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Organizers organizers,
                                                  FrontendProperties properties, LoginThrottle throttle,
                                                  ObjectProvider<ReactiveClientRegistrationRepository> oidc,
                                                  Environment environment) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                "Unauthorized", "Log in as an organizer first.");
        ServerAccessDeniedHandler forbidden = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "Forbidden", "Your role in the back office does not allow this.");
        ServerAccessDeniedHandler csrfRefused = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "Forbidden", "The request lacks a valid CSRF token: reload the page and try again.");

        CookieServerCsrfTokenRepository csrfTokens = csrfTokens(
                environment.getProperty("server.reactive.session.cookie.secure", Boolean.class));
        UserDetailsRepositoryReactiveAuthenticationManager passwords =
                new UserDetailsRepositoryReactiveAuthenticationManager(organizers.passwordUsers());
        passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());

        http.authorizeExchange(rules -> rules
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .pathMatchers("/actuator/**", "/fallback/**").denyAll()
                        .matchers(AgendaRead.MATCHER).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/proposals").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/proposals/track/*", "/api/cfp", "/api/login-options").permitAll()
                        .pathMatchers(HttpMethod.PUT, "/api/proposals/track/*").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/proposals/track/*/withdrawal").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/schedules").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/schedules/*").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/api/schedules/*").permitAll()
                        .pathMatchers(HttpMethod.PUT, "/api/schedules/*/talks/*").permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/api/schedules/*/talks/*").permitAll()
                        .pathMatchers("/api/session").authenticated()
                        // Reviewers read and score proposals; everything else of the back office is the organizers'.
                        .pathMatchers(HttpMethod.GET, "/api/proposals", "/api/proposals/*", "/api/proposals.csv")
                                .hasAnyRole(Organizers.ROLE, Organizers.REVIEWER_ROLE)
                        .pathMatchers(HttpMethod.PUT, "/api/proposals/*/reviews/mine")
                                .hasAnyRole(Organizers.ROLE, Organizers.REVIEWER_ROLE)
                        .pathMatchers("/api/**").hasRole(Organizers.ROLE)
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        // The token travels as the cookie's plain value (double submit), not masked.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler(csrfRefused))
                .addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(form -> form
                        .loginPage("/login")
                        .authenticationManager(passwords)
                        .authenticationEntryPoint(unauthorized)
                        .authenticationSuccessHandler(loggedIn(organizers, throttle, csrfTokens))
                        .authenticationFailureHandler(loginFailed(throttle)))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        // Ends the session if there is one. The default handler saves an empty security context,
                        // which starts a session in Redis for every anonymous POST /logout.
                        .logoutHandler(handlers -> handlers.replaceAll(handler -> handler instanceof SecurityContextServerLogoutHandler
                                ? endSessionIfStarted() : handler))
                        .logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                // One list of security headers, also written by the agenda's hot path (AgendaHotPath).
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new HttpHeaderWriterWebFilter(SECURITY_HEADERS), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER);

        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login
                    .authenticationSuccessHandler((exchange, authentication) -> newCsrfToken(exchange.getExchange(), csrfTokens)
                            .then(redirect(exchange.getExchange(), "/admin")))
                    .authenticationFailureHandler((exchange, e) -> redirect(exchange.getExchange(), "/admin?error")));
        } else if (properties.organizers().isEmpty()) {
            log.warn("No organizer can log in: set frontend.organizers or an OIDC client (see the README)");
        }
        return http.build();
    }

    /**
     * The CSRF cookie: readable by the pages' script (it sends the value back in {@code X-XSRF-TOKEN}), sent by the
     * browser only to this site's own requests ({@code SameSite=Strict}; a page reached from another site gets a
     * new token), and {@code Secure} on HTTPS or wherever the session cookie is ({@code server.reactive.session.cookie.secure}).
     */
    static CookieServerCsrfTokenRepository csrfTokens(Boolean secure) {
        CookieServerCsrfTokenRepository tokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> {
            cookie.sameSite("Strict");
            if (Boolean.TRUE.equals(secure)) {
                cookie.secure(true);
            }
        });
        return tokens;
    }

    /** A login gets a new CSRF token, so that one learned before it (on a shared computer, say) is worth nothing after. */
    private static Mono<Void> newCsrfToken(ServerWebExchange exchange, CookieServerCsrfTokenRepository tokens) {
        exchange.getResponse().getCookies().remove(CSRF_COOKIE);
        return tokens.generateToken(exchange).flatMap(token -> tokens.saveToken(exchange, token));
    }

    private static ServerLogoutHandler endSessionIfStarted() {
        return (webFilterExchange, authentication) -> webFilterExchange.getExchange().getSession()
                .filter(WebSession::isStarted)
                .flatMap(WebSession::invalidate);
    }

    private static Map<String, String> fixedSecurityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-XSS-Protection", "0");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("Referrer-Policy", ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN.getPolicy());
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        return Collections.unmodifiableMap(headers);
    }

    /**
     * The fixed headers are written by one writer, not one of Spring Security's static writers each: every answer runs
     * these, and each static writer copied the answer's header names to compare them (a profile of proxied agenda reads
     * had them at 7 % of all the memory allocated, bench/README.md).
     */
    private static ServerHttpHeadersWriter securityHeaders() {
        ServerHttpHeadersWriter fixed = exchange -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            FIXED_SECURITY_HEADERS.forEach((name, value) -> {
                if (!headers.containsHeader(name)) {
                    headers.set(name, value);
                }
            });
            return Mono.empty();
        };
        return new CompositeServerHttpHeadersWriter(new CacheControlServerHttpHeadersWriter(),
                new StrictTransportSecurityServerHttpHeadersWriter(), fixed);
    }

    /**
     * The CSRF token is created lazily; this makes sure pages and the back-office API calls get the
     * cookie. Agenda reads and the actuator are left alone: they change nothing and are the hot path.
     */
    private static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            if (token == null || AgendaRead.matches(exchange.getRequest()) || path.startsWith("/actuator")) {
                return chain.filter(exchange);
            }
            return token.then(chain.filter(exchange));
        };
    }

    /** A login from the page's script gets the session as JSON; a plain form post goes to the back office. */
    private static ServerAuthenticationSuccessHandler loggedIn(Organizers organizers, LoginThrottle throttle,
                                                              CookieServerCsrfTokenRepository csrfTokens) {
        JsonMapper json = JsonMapper.builder().build();
        return (webFilterExchange, authentication) -> throttle.succeeded(authentication.getName())
                .then(newCsrfToken(webFilterExchange.getExchange(), csrfTokens)).then(Mono.defer(() -> {
            ServerWebExchange exchange = webFilterExchange.getExchange();
            if (!wantsJson(exchange)) {
                return redirect(exchange, "/admin");
            }
            byte[] body = json.writeValueAsBytes(organizers.session(authentication));
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        }));
    }

    private static ServerAuthenticationFailureHandler loginFailed(LoginThrottle throttle) {
        return (webFilterExchange, e) -> {
            ServerWebExchange exchange = webFilterExchange.getExchange();
            Mono<Void> counted = exchange.getFormData().flatMap(form -> throttle.failed(exchange, form.getFirst("username")));
            if (!wantsJson(exchange)) {
                return counted.then(redirect(exchange, "/admin?error"));
            }
            return counted.then(Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Login failed", "Wrong user name or password."));
        };
    }

    private static boolean wantsJson(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType());
    }

    private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        DefaultServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();
        redirects.setHttpStatus(HttpStatus.SEE_OTHER);
        return redirects.sendRedirect(exchange, URI.create(location));
    }
}

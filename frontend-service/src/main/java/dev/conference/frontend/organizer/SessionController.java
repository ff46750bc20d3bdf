package dev.conference.frontend.organizer;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the back office needs to know about the visitor's session. */
@RestController
class SessionController {

    private final Organizers organizers;
    private final boolean oidc;

    SessionController(Organizers organizers, ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
        this.organizers = organizers;
        this.oidc = registrations.getIfAvailable() != null;
    }

    /**
     * The logged-in user (401 without a session): name, whether they are an organizer, and their back-office role
     * ({@code ORGANIZER}, {@code REVIEWER}, or null for neither).
     */
    @GetMapping("/api/session")
    Map<String, Object> session(Authentication authentication) {
        return organizers.session(authentication);
    }

    /** How one can log in here: always with a password form, and with OIDC when a provider is configured. */
    @GetMapping("/api/login-options")
    Map<String, Object> loginOptions() {
        return oidc
                ? Map.of("form", "/login", "oidc", "/oauth2/authorization/oidc")
                : Map.of("form", "/login");
    }
}

package dev.conference.frontend.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.config.FrontendProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class OrganizersTest {

    private final Organizers organizers = organizers(Map.of(), Map.of());

    private static Organizers organizers(Map<String, String> organizers, Map<String, String> reviewers) {
        return new Organizers(new FrontendProperties(URI.create("http://c4p"),
                URI.create("http://agenda"), organizers, reviewers, "frontend:", Duration.ofSeconds(5),
                new FrontendProperties.Agenda(Duration.ofSeconds(1), 10, Duration.ofDays(1)),
                new FrontendProperties.Submissions(10, 5, 0), new FrontendProperties.Schedules(20, 20),
                new FrontendProperties.Logins(5, 20, Duration.ofMinutes(15)),
                new FrontendProperties.Oidc("groups", "organizers", "reviewers", "preferred_username"),
                new FrontendProperties.Requests(Duration.ofSeconds(10), Duration.ofSeconds(30))));
    }

    private static OidcUserAuthority oidcUser(Object groups) {
        Map<String, Object> claims = groups == null ? Map.of("sub", "u1") : Map.of("sub", "u1", "groups", groups);
        return new OidcUserAuthority(new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims));
    }

    private List<String> roles(Object groups) {
        return organizers.mapAuthorities(List.of(oidcUser(groups))).stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_")).toList();
    }

    private static String roleOf(Organizers organizers, String username, String password) {
        UserDetails user = organizers.passwordUsers().findByUsername(username).block();
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(password, user.getPassword())).isTrue();
        return Organizers.roleOf(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @Test
    void aUserNameThatIsNoOrganizerGetsADecoyCheckedAsSlowlyAsARealHashAndNeverMatching() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(11).encode("olivia's password");
        Organizers withOlivia = organizers(Map.of("olivia", hash), Map.of());

        UserDetails decoy = withOlivia.passwordUsers().findByUsername("mallory").block();

        assertThat(decoy).isNotNull();
        assertThat(decoy.getPassword()).as("a bcrypt hash at the organizers' cost").startsWith("{bcrypt}$2a$11$");
        assertThat(decoy.getAuthorities()).isEmpty();
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoder.matches("olivia's password", decoy.getPassword())).isFalse();
        assertThat(encoder.matches("", decoy.getPassword())).isFalse();
        assertThat(withOlivia.passwordUsers().findByUsername("olivia").block().getPassword()).isEqualTo(hash);
    }

    /** A reviewer's hash may cost more than the organizers': the decoy costs as much, so no name answers faster. */
    @Test
    void theDecoyCostsAsMuchAsTheDearestHashOfOrganizersAndReviewers() {
        Organizers withBoth = organizers(Map.of("olivia", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("o")),
                Map.of("rita", "{bcrypt}" + new BCryptPasswordEncoder(11).encode("r")));

        assertThat(withBoth.passwordUsers().findByUsername("mallory").block().getPassword()).startsWith("{bcrypt}$2a$11$");
    }

    @Test
    void reviewersLogInWithTheirPasswordAsReviewersAndANameInBothIsAnOrganizer() {
        Organizers withBoth = organizers(
                Map.of("olivia", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("o"),
                        "oscar", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("oscar as organizer")),
                Map.of("rita", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("r"),
                        "oscar", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("oscar as reviewer")));

        assertThat(roleOf(withBoth, "olivia", "o")).isEqualTo("ORGANIZER");
        assertThat(roleOf(withBoth, "rita", "r")).isEqualTo("REVIEWER");
        assertThat(roleOf(withBoth, "oscar", "oscar as organizer")).isEqualTo("ORGANIZER");
        assertThat(withBoth.passwordUsers().findByUsername("oscar").block().getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ORGANIZER");
    }

    @Test
    void oidcUsersInTheOrganizersGroupAreOrganizers() {
        assertThat(roles(List.of("staff", "organizers"))).containsExactly("ROLE_ORGANIZER");
        assertThat(roles("organizers")).containsExactly("ROLE_ORGANIZER");
    }

    @Test
    void oidcUsersInTheReviewersGroupAreReviewersAndInBothOrganizers() {
        assertThat(roles(List.of("staff", "reviewers"))).containsExactly("ROLE_REVIEWER");
        assertThat(roles("reviewers staff")).containsExactly("ROLE_REVIEWER");
        assertThat(roles(List.of("reviewers", "organizers"))).containsExactly("ROLE_ORGANIZER");
    }

    @Test
    void otherOidcUsersAreNeither() {
        assertThat(roles(List.of("staff", "speakers"))).isEmpty();
        assertThat(roles("organizers-old")).isEmpty();
        assertThat(roles("reviewers-old")).isEmpty();
        assertThat(roles(null)).isEmpty();
    }
}

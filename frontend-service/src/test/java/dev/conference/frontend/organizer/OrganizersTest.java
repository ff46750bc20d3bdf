package dev.conference.frontend.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.config.FrontendProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import java.time.Duration;
import java.net.URI;

class OrganizersTest {

    private final Organizers organizers = new Organizers(new FrontendProperties(URI.create("http://c4p"),
            URI.create("http://agenda"), Map.of(), "frontend:", Duration.ofSeconds(5),
            new FrontendProperties.Agenda(Duration.ofSeconds(1), 10, Duration.ofDays(1)),
            new FrontendProperties.Submissions(10, 5, 0), new FrontendProperties.Schedules(20, 20),
            new FrontendProperties.Logins(5, 20, Duration.ofMinutes(15)),
            new FrontendProperties.Oidc("groups", "organizers", "preferred_username"),
            new FrontendProperties.Requests(Duration.ofSeconds(10), Duration.ofSeconds(30))));

    private static OidcUserAuthority oidcUser(Object groups) {
        Map<String, Object> claims = groups == null ? Map.of("sub", "u1") : Map.of("sub", "u1", "groups", groups);
        return new OidcUserAuthority(new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims));
    }

    private boolean organizer(Object groups) {
        return organizers.mapAuthorities(List.of(oidcUser(groups))).stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_ORGANIZER"::equals);
    }

    @Test
    void aUserNameThatIsNoOrganizerGetsADecoyCheckedAsSlowlyAsARealHashAndNeverMatching() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(11).encode("olivia's password");
        Organizers withOlivia = new Organizers(new FrontendProperties(URI.create("http://c4p"),
                URI.create("http://agenda"), Map.of("olivia", hash), "frontend:", Duration.ofSeconds(5),
                new FrontendProperties.Agenda(Duration.ofSeconds(1), 10, Duration.ofDays(1)),
                new FrontendProperties.Submissions(10, 5, 0), new FrontendProperties.Schedules(20, 20),
                new FrontendProperties.Logins(5, 20, Duration.ofMinutes(15)),
                new FrontendProperties.Oidc("groups", "organizers", "preferred_username"),
                new FrontendProperties.Requests(Duration.ofSeconds(10), Duration.ofSeconds(30))));

        UserDetails decoy = withOlivia.passwordUsers().findByUsername("mallory").block();

        assertThat(decoy).isNotNull();
        assertThat(decoy.getPassword()).as("a bcrypt hash at the organizers' cost").startsWith("{bcrypt}$2a$11$");
        assertThat(decoy.getAuthorities()).isEmpty();
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoder.matches("olivia's password", decoy.getPassword())).isFalse();
        assertThat(encoder.matches("", decoy.getPassword())).isFalse();
        assertThat(withOlivia.passwordUsers().findByUsername("olivia").block().getPassword()).isEqualTo(hash);
    }

    @Test
    void oidcUsersInTheOrganizersGroupAreOrganizers() {
        assertThat(organizer(List.of("staff", "organizers"))).isTrue();
        assertThat(organizer("organizers")).isTrue();
    }

    @Test
    void otherOidcUsersAreNot() {
        assertThat(organizer(List.of("staff", "speakers"))).isFalse();
        assertThat(organizer("organizers-old")).isFalse();
        assertThat(organizer(null)).isFalse();
    }
}

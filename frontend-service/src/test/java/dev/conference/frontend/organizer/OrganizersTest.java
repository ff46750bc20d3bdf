package dev.conference.frontend.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.config.FrontendProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import java.time.Duration;
import java.net.URI;

class OrganizersTest {

    private final Organizers organizers = new Organizers(new FrontendProperties(URI.create("http://c4p"),
            URI.create("http://agenda"), Map.of(), "frontend:", Duration.ofSeconds(5),
            new FrontendProperties.Agenda(Duration.ofSeconds(1), 10, Duration.ofDays(1)),
            new FrontendProperties.Submissions(10, 5, 0),
            new FrontendProperties.Oidc("groups", "organizers", "preferred_username")));

    private static OidcUserAuthority oidcUser(Object groups) {
        Map<String, Object> claims = groups == null ? Map.of("sub", "u1") : Map.of("sub", "u1", "groups", groups);
        return new OidcUserAuthority(new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims));
    }

    private boolean organizer(Object groups) {
        return organizers.mapAuthorities(List.of(oidcUser(groups))).stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_ORGANIZER"::equals);
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

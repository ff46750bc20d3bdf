package dev.conference.frontend.organizer;

import dev.conference.frontend.config.FrontendProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who is in the back office, and in which role: organizers do everything there, reviewers read and score
 * proposals and decide nothing. Two kinds of user can log in:
 * <ul>
 *   <li>users listed in {@code frontend.organizers} or {@code frontend.reviewers} (user name and bcrypt hash), who
 *       log in with a password; a name in both is an organizer (with the organizers' hash);</li>
 *   <li>users of the OIDC provider, when one is configured. They are organizers when their
 *       {@code frontend.oidc.organizers-claim} claim is, or lists, {@code frontend.oidc.organizers-value}, else
 *       reviewers when it is, or lists, {@code frontend.oidc.reviewers-value}. Every other OIDC user is logged in
 *       but has no role: back-office routes answer them 403.</li>
 * </ul>
 */
@Component
public class Organizers implements GrantedAuthoritiesMapper {

    private static final Pattern BCRYPT_COST = Pattern.compile("\\$(\\d{2})\\$");

    public static final String ROLE = "ORGANIZER";
    public static final GrantedAuthority AUTHORITY = new SimpleGrantedAuthority("ROLE_" + ROLE);
    public static final String REVIEWER_ROLE = "REVIEWER";
    public static final GrantedAuthority REVIEWER_AUTHORITY = new SimpleGrantedAuthority("ROLE_" + REVIEWER_ROLE);

    private final FrontendProperties properties;

    Organizers(FrontendProperties properties) {
        this.properties = properties;
    }

    /**
     * The organizers and reviewers who log in with a password. A name that is neither gets a decoy whose bcrypt hash
     * (of a random password, at the highest cost of theirs) is checked like a real one, so that the answer takes as
     * long whether or not the user exists, and always fails.
     */
    public ReactiveUserDetailsService passwordUsers() {
        List<UserDetails> users = new ArrayList<>();
        properties.organizers().forEach((name, hash) -> users.add(
                User.withUsername(name).password(hash).authorities(AUTHORITY).build()));
        properties.reviewers().forEach((name, hash) -> {
            if (!properties.organizers().containsKey(name)) {
                users.add(User.withUsername(name).password(hash).authorities(REVIEWER_AUTHORITY).build());
            }
        });
        if (users.isEmpty()) {
            // MapReactiveUserDetailsService wants at least one user; this one can never log in.
            users.add(User.withUsername("\u0000nobody").password("{bcrypt}$2a$10$" + "x".repeat(53))
                    .authorities(List.of()).build());
        }
        MapReactiveUserDetailsService known = new MapReactiveUserDetailsService(users);
        String decoyHash = "{bcrypt}" + new BCryptPasswordEncoder(bcryptCost()).encode(UUID.randomUUID().toString());
        return username -> known.findByUsername(username)
                .switchIfEmpty(Mono.fromSupplier(() -> User.withUsername(username).password(decoyHash).authorities(List.of()).build()));
    }

    /** The highest cost among the organizers' and reviewers' hashes ({bcrypt}$2a$10$...), or bcrypt's default. */
    int bcryptCost() {
        return Stream.concat(properties.organizers().values().stream(), properties.reviewers().values().stream())
                .map(BCRYPT_COST::matcher).filter(Matcher::find)
                .mapToInt(cost -> Integer.parseInt(cost.group(1)))
                .max().orElse(10);
    }

    /** Adds the organizer role to OIDC users whose claim says they are organizers, else the reviewer role to reviewers. */
    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new HashSet<>(authorities);
        // only the claim decides
        mapped.remove(AUTHORITY);
        mapped.remove(REVIEWER_AUTHORITY);
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                Object claim = oidc.getAttributes().get(properties.oidc().organizersClaim());
                if (claimNames(claim, properties.oidc().organizersValue())) {
                    mapped.add(AUTHORITY);
                } else if (claimNames(claim, properties.oidc().reviewersValue())) {
                    mapped.add(REVIEWER_AUTHORITY);
                }
            }
        }
        if (mapped.contains(AUTHORITY)) {
            mapped.remove(REVIEWER_AUTHORITY);
        }
        return mapped;
    }

    private static boolean claimNames(Object claim, String wanted) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(value -> wanted.equals(String.valueOf(value)));
        }
        if (claim instanceof String value) {
            return wanted.equals(value) || List.of(value.split("[\\s,]+")).contains(wanted);
        }
        return false;
    }

    public static boolean isOrganizer(Authentication authentication) {
        return has(authentication, AUTHORITY);
    }

    /**
     * The user's back-office role, {@code ORGANIZER} or {@code REVIEWER} (what {@code X-Back-Office-Role} carries and
     * the session answers), or null for a logged-in user with neither.
     */
    public static String roleOf(Authentication authentication) {
        return has(authentication, AUTHORITY) ? ROLE : has(authentication, REVIEWER_AUTHORITY) ? REVIEWER_ROLE : null;
    }

    private static boolean has(Authentication authentication, GrantedAuthority wanted) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(wanted.getAuthority()));
    }

    /** What {@code GET /api/session} and a script's login answer: {@code {"username", "organizer", "role"}}. */
    public Map<String, Object> session(Authentication authentication) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("username", nameOf(authentication));
        session.put("organizer", isOrganizer(authentication));
        session.put("role", roleOf(authentication));
        return session;
    }

    /** The name decisions are recorded under: the user name, or the configured OIDC claim. */
    public String nameOf(Authentication authentication) {
        String name = authentication.getName();
        if (authentication.getPrincipal() instanceof OidcUser user) {
            Object claim = user.getClaims().get(properties.oidc().usernameClaim());
            if (claim != null && !String.valueOf(claim).isBlank()) {
                name = String.valueOf(claim);
            }
        }
        String clean = name.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 200 ? clean.substring(0, 200) : clean;
    }
}

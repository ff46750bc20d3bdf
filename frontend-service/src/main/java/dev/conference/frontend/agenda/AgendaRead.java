package dev.conference.frontend.agenda;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What an agenda read is, written once: a {@code GET} or {@code HEAD} of the whole agenda (optionally one
 * day of it), of one item, or of the iCalendar export. Spring Security lets anyone make these reads
 * ({@link #MATCHER}), the route {@code agenda-read} matches exactly them (the {@code AgendaRead} predicate),
 * and only they have an {@link AgendaCacheKey}. {@code PUT /api/agenda/{id}/slot} and
 * {@code DELETE /api/agenda/{id}} are not reads.
 */
public final class AgendaRead {

    private static final List<PathPattern> PATHS = List.of("/api/agenda", "/api/agenda.ics", "/api/agenda/{id}")
            .stream().map(PathPatternParser.defaultInstance::parse).toList();

    /** The agenda reads, for Spring Security's rules. */
    public static final ServerWebExchangeMatcher MATCHER = exchange -> matches(exchange.getRequest())
            ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();

    private AgendaRead() {
    }

    public static boolean matches(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        PathContainer path = request.getPath().pathWithinApplication();
        for (PathPattern pattern : PATHS) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }
}

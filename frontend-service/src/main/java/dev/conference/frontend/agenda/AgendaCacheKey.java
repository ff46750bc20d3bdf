package dev.conference.frontend.agenda;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which agenda answer an {@link AgendaRead} asks for: the whole agenda, one day of it, one item, or the
 * iCalendar export. Reads with anything else in them (other query parameters, a malformed day or
 * id) have no key: they are passed through uncached, and agenda-service judges them. Requests that
 * are not agenda reads have none either.
 *
 * @param value the key's text, as used in memory and in Redis
 * @param day   the day asked for, or null
 * @param item  the item asked for, or null
 */
public record AgendaCacheKey(String value, LocalDate day, UUID item) {

    static final AgendaCacheKey ALL = new AgendaCacheKey("list", null, null);
    static final AgendaCacheKey CALENDAR = new AgendaCacheKey("ics", null, null);

    /** The key of a public agenda read, or null when the request is not one the cache knows (a HEAD is not). */
    public static AgendaCacheKey of(ServerHttpRequest request) {
        if (!HttpMethod.GET.equals(request.getMethod()) || !AgendaRead.matches(request)) {
            return null;
        }
        return of(request.getPath().pathWithinApplication().value(), request.getQueryParams());
    }

    /**
     * The key of a {@code GET} given by its request target as sent ({@code /api/agenda?day=2027-05-12}), or null.
     * Only targets with nothing to decode get one (no percent-escape, no {@code +}, at most the {@code day}
     * parameter): for any other, null says "not known here", and {@link #of(ServerHttpRequest)} judges it.
     */
    static AgendaCacheKey ofTarget(String target) {
        if (!target.startsWith("/api/agenda") || target.indexOf('%') >= 0 || target.indexOf('+') >= 0) {
            return null;
        }
        int queryStart = target.indexOf('?');
        if (queryStart < 0) {
            return of(target, Map.of());
        }
        String query = target.substring(queryStart + 1);
        if (!query.startsWith("day=") || query.indexOf('&') >= 0 || query.indexOf('=', 4) >= 0) {
            return null;
        }
        return of(target.substring(0, queryStart), Map.of("day", List.of(query.substring(4))));
    }

    private static AgendaCacheKey of(String path, Map<String, List<String>> query) {
        if (path.equals("/api/agenda.ics")) {
            return query.isEmpty() ? CALENDAR : null;
        }
        if (path.equals("/api/agenda")) {
            if (query.isEmpty()) {
                return ALL;
            }
            List<String> days = query.get("day");
            if (query.size() != 1 || days == null || days.size() != 1) {
                return null;
            }
            try {
                LocalDate day = LocalDate.parse(days.getFirst());
                return new AgendaCacheKey("list:day=" + day, day, null);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (path.startsWith("/api/agenda/") && query.isEmpty()) {
            String id = path.substring("/api/agenda/".length());
            try {
                UUID item = UUID.fromString(id);
                if (!item.toString().equals(id.toLowerCase(java.util.Locale.ROOT))) {
                    return null;
                }
                return new AgendaCacheKey("item:" + item, null, item);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether the whole agenda holds the answer to this key, when no copy of its own exists. */
    boolean derivableFromAll() {
        return day != null || item != null;
    }
}

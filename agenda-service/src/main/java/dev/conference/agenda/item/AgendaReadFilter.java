package dev.conference.agenda.item;

import dev.conference.agenda.grid.AgendaGrid;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Answers the busiest read, {@code GET /agenda-items} and {@code GET /agenda-items?day=…}, ahead of
 * Spring MVC. Its bytes are serialized once per change (docs/decisions/0009), so what was left of a
 * read's cost was mostly the fixed cost of Spring MVC around one small Redis GET: the dispatcher, the
 * handler lookup, argument resolution, return value handling and message conversion. This filter
 * writes what {@link AgendaItemController#list} writes (status, {@code Content-Type}, {@code ETag},
 * {@code Content-Length}, body, and 304 by Spring's own {@code If-None-Match} check) without them.
 * <p>
 * It answers only requests the controller would answer that way: GET of exactly that path, with no
 * query or only {@code day=} and a conference day in ISO form, accepting JSON as Spring MVC's content
 * negotiation judges the {@code Accept} header. Everything else, HEAD and {@code ?proposalId=} too, goes
 * down the chain unchanged, to be judged as before. A read that fails goes down the chain as well,
 * carrying its exception, which the controller throws instead of asking Redis again: the error answer
 * (503 when Redis is away) is the one it always was, after one wait for Redis, not two.
 * <p>
 * It runs after the filters whose work these answers need: the shutdown drain's {@code Connection:
 * close}, the {@code http.server.requests} observation (tagged {@code uri="/agenda-items"} here, as
 * Spring MVC would) and the request body limit (see {@code AgendaConfiguration}).
 */
public class AgendaReadFilter extends HttpFilter {

    /** Request attribute: the exception this filter's read failed with, for the controller to throw. */
    static final String FAILED_READ = "dev.conference.agenda.item.AgendaReadFilter.failedRead";

    public static final String PATH = "/agenda-items";

    private final AgendaItemService agenda;
    private final ContentNegotiationManager negotiation;
    /** Each conference day by its query string, {@code day=2027-05-12}: the only spelling answered here. */
    private final Map<String, LocalDate> daysByQuery;

    public AgendaReadFilter(AgendaItemService agenda, AgendaGrid grid, ContentNegotiationManager negotiation) {
        this.agenda = agenda;
        this.negotiation = negotiation;
        this.daysByQuery = grid.days().stream().collect(Collectors.toUnmodifiableMap(day -> "day=" + day,
                Function.identity()));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        LocalDate day = query == null ? null : daysByQuery.get(query);
        if (!"GET".equals(request.getMethod()) || !isExactlyThePath(request) || (query != null && day == null)) {
            chain.doFilter(request, response);
            return;
        }
        ServletWebRequest web = new ServletWebRequest(request, response);
        if (!acceptsJson(web)) {
            chain.doFilter(request, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(observation -> observation.setPathPattern(PATH));
        Representation json;
        try {
            json = agenda.listJson(day);
        } catch (RuntimeException e) {
            request.setAttribute(FAILED_READ, e);
            chain.doFilter(request, response);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (web.checkNotModified(json.etag())) {
            return;
        }
        byte[] body = json.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The path as sent, so that only the one spelling is answered here; Spring MVC decodes and matches
     * others ({@code /agenda%2Ditems}, {@code /agenda-items;a=b}) and still answers them after the chain.
     */
    private static boolean isExactlyThePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.length() == request.getContextPath().length() + PATH.length() && uri.endsWith(PATH);
    }

    /** As the controller's {@code produces} judges it; a request it would refuse with 406 is left to it. */
    private boolean acceptsJson(ServletWebRequest web) {
        List<MediaType> accepted;
        try {
            accepted = negotiation.resolveMediaTypes(web);
        } catch (HttpMediaTypeNotAcceptableException e) {
            return false;
        }
        for (MediaType type : accepted) {
            if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
                return true;
            }
        }
        return false;
    }
}

package dev.conference.frontend.web;

import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Forwarding headers never reach c4p-service or agenda-service. Whatever a client writes in them is a claim,
 * and the backends read none of them; the gateway adds none of its own either (its forwarded and
 * x-forwarded filters are off). This runs as the request is forwarded, after the route's filters: the
 * frontend itself still reads {@code X-Forwarded-For}, as far as {@code frontend.submissions.trusted-proxies}
 * trusts it, to tell clients apart.
 */
@Component
class BackendHeadersFilter implements HttpHeadersFilter, Ordered {

    static final List<String> REMOVED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Real-IP");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.addAll(input);
        REMOVED.forEach(forwarded::remove);
        return forwarded;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

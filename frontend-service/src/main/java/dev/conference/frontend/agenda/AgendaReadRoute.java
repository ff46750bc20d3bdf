package dev.conference.frontend.agenda;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * How the gateway's {@code agenda-read} route calls agenda-service: where it is, the path it rewrites agenda reads to,
 * the route's timeouts, its breaker (and the bulkhead of the same name), and how long the gateway keeps pooled
 * connections. Read from the route's own definition and the gateway's HTTP client settings, so that the calls
 * {@link AgendaHotReads} makes from a connection's pipeline follow the route's settings, set in one place. A null
 * duration is what the gateway makes of a setting not given: Netty's connect timeout, no response timeout, no limit
 * on a pooled connection's idle time or life.
 *
 * @param pathPrefix what the route's {@code RewritePath} makes of {@code /api/agenda}: the rest of the path and the
 *                   query follow it unchanged
 * @param breaker    the name of the route's {@code CircuitBreaker} filter, which is also its bulkhead's
 */
record AgendaReadRoute(URI uri, String pathPrefix, Duration connectTimeout, Duration responseTimeout, String breaker,
                       Duration maxIdle, Duration maxLife) {

    static final String ID = "agenda-read";
    /** The path every agenda read starts with ({@link AgendaCacheKey#ofTarget}). */
    static final String READ_PATH = "/api/agenda";

    static AgendaReadRoute of(GatewayProperties gateway, HttpClientProperties client) {
        RouteDefinition route = gateway.getRoutes().stream()
                .filter(candidate -> ID.equals(candidate.getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The gateway has no route " + ID));
        Map<String, Object> metadata = route.getMetadata();
        Duration connectTimeout = millis(metadata.get(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR),
                client.getConnectTimeout() == null ? null : Duration.ofMillis(client.getConnectTimeout()));
        Duration responseTimeout = millis(metadata.get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR), client.getResponseTimeout());
        HttpClientProperties.Pool pool = client.getPool();
        return new AgendaReadRoute(route.getUri(), pathPrefix(filterArgs(route, "RewritePath")), connectTimeout,
                responseTimeout, filterArgs(route, "CircuitBreaker").get("name"), pool.getMaxIdleTime(),
                pool.getMaxLifeTime());
    }

    /** The request target agenda-service is asked for, for an agenda read's target. */
    String upstreamTarget(String readTarget) {
        return pathPrefix + readTarget.substring(READ_PATH.length());
    }

    private static Map<String, String> filterArgs(RouteDefinition route, String name) {
        return route.getFilters().stream()
                .filter(filter -> name.equals(filter.getName()))
                .map(FilterDefinition::getArgs)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The route " + ID + " has no " + name + " filter"));
    }

    /**
     * What the route's rewrite makes of {@code /api/agenda}, checked to be a plain prefix: a rewrite that did more
     * would have to be done here as well, and the start fails rather than ask agenda-service for other paths.
     */
    private static String pathPrefix(Map<String, String> rewrite) {
        List<String> args = List.copyOf(new TreeMap<>(rewrite).values());
        if (args.size() != 2) {
            throw new IllegalStateException("The route " + ID + "'s RewritePath has not two arguments: " + rewrite);
        }
        String regexp = args.get(0);
        String replacement = args.get(1).replace("$\\", "$");
        String prefix = READ_PATH.replaceAll(regexp, replacement);
        for (String rest : List.of(".ics", "/0a6f1c1e-8f5e-4b9e-9a51-0d4c1b2f3e4d")) {
            if (!(READ_PATH + rest).replaceAll(regexp, replacement).equals(prefix + rest)) {
                throw new IllegalStateException("The route " + ID + "'s RewritePath does not only replace "
                        + READ_PATH + ": " + rewrite);
            }
        }
        return prefix;
    }

    private static Duration millis(Object value, Duration otherwise) {
        return value == null ? otherwise : Duration.ofMillis(Long.parseLong(value.toString()));
    }
}

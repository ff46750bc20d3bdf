package dev.conference.frontend.web;

import dev.conference.frontend.config.FrontendProperties;
import dev.conference.web.ProblemJson;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the frontend itself answers is problem+json, never Spring Boot's error map or a stack
 * trace: unknown paths (404), refused bodies (413), downstreams that could not answer (503 with
 * {@code Retry-After}), a session store that does not answer (503 with {@code Retry-After}), and
 * anything unexpected (500, logged).
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final Duration retryAfter;

    ProblemExceptionHandler(FrontendProperties properties) {
        this.retryAfter = properties.retryAfter();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        exchange.getResponse().getHeaders().clear();
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == null) {
                code = HttpStatus.BAD_GATEWAY;
            }
            if (code.is5xxServerError()) {
                // The gateway's own 5xx come from downstreams that failed or did not answer in time.
                log.debug("Downstream failure on {}", exchange.getRequest().getPath(), error);
                return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                        "The service behind this request did not answer. Try again later.", retryAfter);
            }
            String title = code == HttpStatus.CONTENT_TOO_LARGE ? ProblemJson.TOO_LARGE_TITLE : code.getReasonPhrase();
            return Problems.write(exchange, code, title, detail(status, code));
        }
        if (isDownstreamConnectionFailure(error)) {
            log.debug("Downstream unreachable on {}", exchange.getRequest().getPath(), error);
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The service behind this request did not answer. Try again later.", retryAfter);
        }
        if (isSessionStoreFailure(error)) {
            log.warn("The session store did not answer on {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "Signed-in pages are unavailable for a moment. Try again shortly.", retryAfter);
        }
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", null);
    }

    private static String detail(ResponseStatusException error, HttpStatusCode code) {
        if (code.value() == 404) {
            return "Nothing is here.";
        }
        return error.getReason();
    }

    /** Redis (sessions, rate limits) unreachable or too slow: an outage like any other, not a defect. */
    private static boolean isSessionStoreFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.dao.QueryTimeoutException
                    || t instanceof io.lettuce.core.RedisException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDownstreamConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof reactor.netty.http.client.PrematureCloseException) {
                return true;
            }
        }
        return false;
    }
}

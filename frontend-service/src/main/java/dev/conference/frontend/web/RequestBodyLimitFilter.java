package dev.conference.frontend.web;

import dev.conference.web.ProblemJson;
import dev.conference.web.WebLimitsProperties;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.ResolvableType;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies larger than {@code platform.web.max-request-body} with 413, before security
 * (which reads login forms) or the gateway (which forwards bodies) reads them: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past the limit. Forms the
 * frontend reads itself (the login, a CSRF token sent in the form) are read from the limited body too:
 * the exchange's own form data would read the request as it came.
 */
@Component
class RequestBodyLimitFilter implements WebFilter, Ordered {

    private static final ResolvableType FORM = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);

    private final long limit;
    private final FormHttpMessageReader forms = new FormHttpMessageReader();

    RequestBodyLimitFilter(WebLimitsProperties limits) {
        this.limit = limits.maxRequestBody().toBytes();
        // The limited body bounds what the reader holds; a second limit of its own would answer 500.
        forms.setMaxInMemorySize(-1);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, ProblemJson.TOO_LARGE_TITLE,
                    ProblemJson.tooLargeDetail(limit));
        }
        ServerHttpRequest limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong read = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (read.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, ProblemJson.tooLargeDetail(limit));
                    }
                    return buffer;
                });
            }
        };
        Mono<MultiValueMap<String, String>> form = isForm(limited)
                ? forms.readMono(FORM, limited, Map.of()).cache()
                : Mono.just(new LinkedMultiValueMap<>());
        ServerWebExchange readingLimited = new ServerWebExchangeDecorator(exchange.mutate().request(limited).build()) {
            @Override
            public Mono<MultiValueMap<String, String>> getFormData() {
                return form;
            }
        };
        return chain.filter(readingLimited);
    }

    private boolean isForm(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type) && forms.canRead(FORM, type);
    }
}

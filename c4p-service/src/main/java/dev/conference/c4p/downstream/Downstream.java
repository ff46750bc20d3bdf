package dev.conference.c4p.downstream;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.outbox.DeliveryFailure;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * HTTP calls to one downstream service, behind that downstream's circuit breaker and timeouts.
 * Network errors, timeouts, 5xx, 408 and 429 are worth retrying and count against the breaker;
 * any other 4xx means the downstream refused the request for good.
 */
public class Downstream {

    private final String name;
    private final RestClient http;
    private final CircuitBreaker breaker;

    public Downstream(String name, C4pProperties.Endpoint downstream, RestClient.Builder builder,
                        CircuitBreakerFactory<?, ?> breakers) {
        this.name = name;
        HttpClient client = HttpClient.newBuilder().connectTimeout(downstream.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(downstream.readTimeout());
        this.http = builder.clone().baseUrl(downstream.url().toString()).requestFactory(requests).build();
        this.breaker = breakers.create(name);
    }

    /**
     * POSTs the JSON body; returns the 2xx status it was answered with, or one of the {@code alsoDone} statuses
     * (refusals that mean there is nothing left to do), and throws on any other answer.
     */
    public HttpStatusCode post(String path, String idempotencyKey, String jsonBody, HttpStatus... alsoDone) {
        return send(HttpMethod.POST, path, idempotencyKey, jsonBody, alsoDone);
    }

    /** DELETEs; returns the 2xx status it was answered with, and throws on any other answer. */
    public HttpStatusCode delete(String path, String idempotencyKey) {
        return send(HttpMethod.DELETE, path, idempotencyKey, null);
    }

    private HttpStatusCode send(HttpMethod method, String path, String idempotencyKey, String jsonBody,
                                HttpStatus... alsoDone) {
        Answer answer = breaker.run(() -> exchange(method, path, idempotencyKey, jsonBody), failure -> {
            throw DeliveryFailure.retryable(name + " unavailable: " + describe(failure), failure);
        });
        if (answer.status().is2xxSuccessful()
                || Arrays.stream(alsoDone).anyMatch(status -> status.value() == answer.status().value())) {
            return answer.status();
        }
        throw DeliveryFailure.permanent(name + " refused it (" + answer.status().value() + "): " + answer.body());
    }

    /** GETs JSON; a failure of any kind is a {@link DeliveryFailure} that says why. */
    public <T> T get(String path, Class<T> type) {
        return breaker.run(() -> http.get().uri(path).retrieve().body(type), failure -> {
            throw DeliveryFailure.retryable(name + " unavailable: " + describe(failure), failure);
        });
    }

    private Answer exchange(HttpMethod method, String path, String idempotencyKey, String jsonBody) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).header("Idempotency-Key", idempotencyKey);
        if (jsonBody != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
        }
        return request
                .exchange((ignored, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is2xxSuccessful()) {
                        return new Answer(status, "");
                    }
                    String body = new String(response.getBody().readNBytes(1000), StandardCharsets.UTF_8);
                    if (status.is4xxClientError() && status.value() != 408 && status.value() != 429) {
                        return new Answer(status, body);
                    }
                    throw new RetryableAnswer(status, body);
                });
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A success, or a refusal (a 4xx that asking again would not change) with the start of its body. */
    private record Answer(HttpStatusCode status, String body) {
    }

    private static final class RetryableAnswer extends RuntimeException {
        RetryableAnswer(HttpStatusCode status, String body) {
            super("answered " + status.value() + " " + body);
        }
    }
}

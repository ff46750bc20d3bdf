package dev.conference.c4p.downstream;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.outbox.DeliveryFailure;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
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

    /** POSTs the JSON body; returns normally only on a 2xx answer. */
    public void post(String path, String idempotencyKey, String jsonBody) {
        Refusal refusal = breaker.run(() -> exchange(path, idempotencyKey, jsonBody), failure -> {
            throw DeliveryFailure.retryable(name + " unavailable: " + describe(failure), failure);
        });
        if (refusal != null) {
            throw DeliveryFailure.permanent(name + " refused it (" + refusal.status().value() + "): " + refusal.body());
        }
    }

    /** GETs JSON; a failure of any kind is a {@link DeliveryFailure} that says why. */
    public <T> T get(String path, Class<T> type) {
        return breaker.run(() -> http.get().uri(path).retrieve().body(type), failure -> {
            throw DeliveryFailure.retryable(name + " unavailable: " + describe(failure), failure);
        });
    }

    private Refusal exchange(String path, String idempotencyKey, String jsonBody) {
        return http.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body(jsonBody)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is2xxSuccessful()) {
                        return null;
                    }
                    String body = new String(response.getBody().readNBytes(1000), StandardCharsets.UTF_8);
                    if (status.is4xxClientError() && status.value() != 408 && status.value() != 429) {
                        return new Refusal(status, body);
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

    private record Refusal(HttpStatusCode status, String body) {
    }

    private static final class RetryableAnswer extends RuntimeException {
        RetryableAnswer(HttpStatusCode status, String body) {
            super("answered " + status.value() + " " + body);
        }
    }
}

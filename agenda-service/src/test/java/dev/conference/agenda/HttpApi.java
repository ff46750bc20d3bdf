package dev.conference.agenda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the running service: tests send exactly the bytes and headers they
 * mean to, including broken ones, and read what a real client would get.
 */
public final class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final Queue<String> createdItems = new ConcurrentLinkedQueue<>();

    public HttpApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, String contentType, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst().orElse(null);
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Creates an item for a proposal and remembers it, so {@link #deleteCreated()} can remove it. */
    public Response createItem(String proposalId, String title) {
        return createItem(Map.of("proposalId", proposalId, "title", title,
                "abstract", "About " + title, "speakerName", "Speaker of " + title));
    }

    public Response createItem(Map<String, ?> body) {
        Response response = send("POST", "/agenda-items", "application/json", json(body));
        if (response.status() == 201) {
            createdItems.add(response.json().get("id").asString());
        }
        return response;
    }

    /** Deletes the items this client created; the tests in a class clean up after themselves. */
    public void deleteCreated() {
        createdItems.forEach(id -> send("DELETE", "/agenda-items/" + id, null, null));
        createdItems.clear();
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Response send(String method, String path, String contentType, String body) {
        return send(method, path, contentType,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8), Map.of());
    }

    /** Sends the body without a Content-Length, in chunks, as a streaming client would. */
    public Response sendChunked(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                Map.of());
    }

    public Response send(String method, String path, String contentType, BodyPublisher body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            var response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.conference.frontend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * A stand-in for c4p-service or agenda-service: a real HTTP server on a fixed port whose answers a
 * test sets per method and path, which records what it received, and which can be stopped (the
 * port then refuses connections) and started again.
 */
public final class FakeBackend {

    /** What the backend answers to one method and path. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers, Duration delay) {

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of(), Duration.ZERO);
        }

        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, Map.of(), Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Answer(status, contentType, body, Map.copyOf(all), delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, contentType, body, headers, wait);
        }
    }

    /** One request as the backend received it. */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {

        public List<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }
    }

    private final int port;
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Semaphore capacity = new Semaphore(Integer.MAX_VALUE);
    private HttpServer server;

    public FakeBackend() {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Answers {@code method path} (the path without query) with these, one per request, the last one repeatedly. */
    public FakeBackend answer(String method, String path, Answer... sequence) {
        answers.put(method + " " + path, new CopyOnWriteArrayList<>(List.of(sequence)));
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String method, String pathAndQuery) {
        return received.stream().filter(r -> r.method().equals(method) && r.pathAndQuery().equals(pathAndQuery)).toList();
    }

    /**
     * Works on at most this many requests at once, as a real service with its thread and connection pools: the
     * others wait their turn.
     */
    public FakeBackend capacity(int requests) {
        capacity = new Semaphore(requests, true);
        return this;
    }

    /** Forgets answers, received requests and capacity, and makes sure it runs. */
    public synchronized void reset() {
        answers.clear();
        received.clear();
        capacity = new Semaphore(Integer.MAX_VALUE);
        start();
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Semaphore working = capacity;
        try {
            working.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        try {
            answer(exchange);
        } finally {
            working.release();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        received.add(new Received(method, query == null ? path : path + "?" + query,
                Map.copyOf(exchange.getRequestHeaders()), body));
        List<Answer> sequence = answers.get(method + " " + path);
        Answer answer = sequence == null || sequence.isEmpty()
                ? Answer.json(404, "{\"title\":\"Not Found\",\"status\":404}")
                : sequence.size() > 1 ? sequence.removeFirst() : sequence.getFirst();
        try {
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the gateway gave up waiting
        } finally {
            exchange.close();
        }
    }
}

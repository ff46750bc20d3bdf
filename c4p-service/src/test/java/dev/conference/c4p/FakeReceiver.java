package dev.conference.c4p;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.conference.testsupport.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for agenda-service or email-service in this module's tests: records what the relay
 * posts and answers as told. Tests across the real services live in platform-tests.
 */
public final class FakeReceiver implements AutoCloseable {

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Answer> scripted = new ConcurrentLinkedDeque<>();
    private volatile Answer usual = new Answer(200, "{}");
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** Last: it starts serving at once, and its threads see the fields above as set. */
    private final HttpServer server = LoopbackHttpServer.start("/", this::handle);

    private FakeReceiver() {
    }

    public static FakeReceiver start() {
        return new FakeReceiver();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every later request gets this answer (until told otherwise). */
    public void answer(int status, String body) {
        usual = new Answer(status, body);
    }

    /** The next requests get these statuses, one each, before the usual answer resumes. */
    public void answerNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Answer(status, "{\"title\":\"scripted " + status + "\"}"));
        }
    }

    /** Later requests get no answer until {@link #answerAgain()}: a receiver stuck on something slow. */
    public void holdAnswers() {
        gate = new CountDownLatch(1);
    }

    /** Answers the held requests, and the later ones at once. */
    public void answerAgain() {
        gate.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedWithKeyContaining(String part) {
        return received.stream().filter(r -> r.idempotencyKey() != null && r.idempotencyKey().contains(part)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Answer answer = scripted.poll();
        if (answer == null) {
            answer = usual;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Received(String method, String path, String idempotencyKey, String body) {
    }

    private record Answer(int status, String body) {
    }
}

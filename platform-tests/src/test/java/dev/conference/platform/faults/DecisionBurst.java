package dev.conference.platform.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Decisions sent straight to c4p-service as the gateway sends them (the organizer in
 * {@code X-Organizer}), by a fixed number of workers. A call that fails (no answer, or 5xx) is sent
 * again, to the replica {@code replicas} names for the next attempt, until it is answered: deciding
 * is idempotent (the same decision again answers 200), so retrying is safe.
 */
final class DecisionBurst {

    record Decision(String proposalId, String decision) {
    }

    /** Calls sent, failed calls by kind, and the final status of each decision. */
    record Figures(long calls, long failedCalls, Map<String, Long> failuresByKind, Map<Integer, Long> finalStatuses) {

        long conflicts() {
            return finalStatuses.getOrDefault(409, 0L);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> finalStatuses = new ConcurrentHashMap<>();
    private final AtomicInteger answered = new AtomicInteger();

    int answered() {
        return answered.get();
    }

    /**
     * Sends every decision with {@code workers} threads; {@code replicas} answers the base URL for an
     * attempt (attempt 0, 1, …, counted over the whole burst).
     */
    Figures run(List<Decision> decisions, int workers, IntFunction<String> replicas, Duration deadline)
            throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        long until = System.nanoTime() + deadline.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (Decision decision : decisions) {
                pool.submit(() -> decide(decision, () -> replicas.apply(attempts.getAndIncrement()), until));
            }
            pool.shutdown();
            if (!pool.awaitTermination(deadline.toSeconds() + 10, TimeUnit.SECONDS)) {
                throw new AssertionError("the decisions did not finish in time");
            }
        }
        return new Figures(calls.get(), failed.get(), snapshot(failures), snapshot(finalStatuses));
    }

    private void decide(Decision decision, java.util.function.Supplier<String> replica, long until) {
        while (System.nanoTime() < until) {
            calls.incrementAndGet();
            String failure;
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create(replica.get() + "/proposals/" + decision.proposalId() + "/decision"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Organizer", "olivia")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"" + decision.decision() + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    finalStatuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                    answered.incrementAndGet();
                    return;
                }
                failure = "status " + response.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failed.incrementAndGet();
            failures.computeIfAbsent(failure, kind -> new AtomicLong()).incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("decision of " + decision.proposalId() + " never answered");
    }

    private static <K> Map<K, Long> snapshot(Map<K, AtomicLong> counters) {
        Map<K, Long> copy = new java.util.TreeMap<>();
        counters.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }
}

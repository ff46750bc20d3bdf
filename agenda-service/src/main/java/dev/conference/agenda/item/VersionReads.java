package dev.conference.agenda.item;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Reads of the store's version token that arrive together share one {@code GET}. A read never joins a {@code GET}
 * already on its way to Redis: it waits for the next one, which is sent as soon as that one is answered. So each
 * read still sees every change Redis had when the read arrived, as a {@code GET} of its own would (the guarantee of
 * docs/decisions/0009-agenda-serialized-once-per-change.md), while under load one {@code GET} answers all the reads
 * that came during the one before it instead of one each. A single read waits for one {@code GET}, as before; a read
 * arriving during one waits for that one and its own.
 */
final class VersionReads {

    private final Supplier<CompletableFuture<String>> get;
    private final Object lock = new Object();
    private boolean onItsWay;
    private CompletableFuture<String> next;

    /** @param get sends one {@code GET} of the token; its future ends with the token, or null when there is none */
    VersionReads(Supplier<CompletableFuture<String>> get) {
        this.get = get;
    }

    /** The token as Redis has it now, or null; fails as the {@code GET} failed. */
    String read() {
        CompletableFuture<String> answer;
        boolean send = false;
        synchronized (lock) {
            if (!onItsWay) {
                onItsWay = true;
                send = true;
                answer = new CompletableFuture<>();
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                answer = next;
            }
        }
        if (send) {
            send(answer);
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void send(CompletableFuture<String> answer) {
        CompletableFuture<String> reply;
        try {
            reply = get.get();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((version, failure) -> {
            CompletableFuture<String> waiting;
            synchronized (lock) {
                waiting = next;
                next = null;
                onItsWay = waiting != null;
            }
            if (waiting != null) {
                send(waiting);
            }
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(version);
            }
        });
    }

    /** How many reads wait for the next GET (an estimate, for tests). */
    int waitingForNext() {
        synchronized (lock) {
            return next == null ? 0 : next.getNumberOfDependents();
        }
    }
}

package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

/** Version reads share a GET only with reads that arrived before it was sent, never one already on its way. */
class VersionReadsTest {

    /** The GETs sent and not answered yet, oldest first. */
    private final BlockingQueue<CompletableFuture<String>> sent = new LinkedBlockingQueue<>();
    private final VersionReads reads = new VersionReads(() -> {
        CompletableFuture<String> get = new CompletableFuture<>();
        sent.add(get);
        return get;
    });
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    @Test
    void aReadAloneSendsItsOwnGet() throws Exception {
        Future<String> read = readers.submit(reads::read);

        nextGet().complete("v1");

        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
        assertThat(sent).isEmpty();
    }

    @Test
    void readsArrivingWhileAGetIsOnItsWayShareTheNextOne() throws Exception {
        Future<String> first = readers.submit(reads::read);
        CompletableFuture<String> firstGet = nextGet();
        List<Future<String>> later = List.of(readers.submit(reads::read), readers.submit(reads::read),
                readers.submit(reads::read));
        await().atMost(Duration.ofSeconds(5)).until(() -> reads.waitingForNext() == 3);

        firstGet.complete("before the change");
        CompletableFuture<String> secondGet = nextGet();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("before the change");
        assertThat(later).noneMatch(Future::isDone);

        secondGet.complete("after the change");
        for (Future<String> read : later) {
            assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("after the change");
        }
        assertThat(sent).as("one GET for the three").isEmpty();
    }

    @Test
    void noTokenIsNull() throws Exception {
        Future<String> read = readers.submit(reads::read);

        nextGet().complete(null);

        assertThat(read.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aFailedGetFailsItsReadsOnlyAndTheNextReadSendsAnother() throws Exception {
        Future<String> failing = readers.submit(reads::read);
        nextGet().completeExceptionally(new QueryTimeoutException("Redis did not answer"));

        assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(QueryTimeoutException.class);

        Future<String> next = readers.submit(reads::read);
        nextGet().complete("v2");
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
    }

    @Test
    void aGetThatCannotBeSentFailsTheRead() {
        VersionReads broken = new VersionReads(() -> {
            throw new IllegalStateException("connection closed");
        });

        assertThatThrownBy(broken::read).isInstanceOf(IllegalStateException.class).hasMessage("connection closed");
        assertThatThrownBy(broken::read).as("and the next read tries again").isInstanceOf(IllegalStateException.class);
    }

    private CompletableFuture<String> nextGet() throws InterruptedException {
        CompletableFuture<String> get = sent.poll(5, TimeUnit.SECONDS);
        assertThat(get).as("a GET sent").isNotNull();
        return get;
    }
}

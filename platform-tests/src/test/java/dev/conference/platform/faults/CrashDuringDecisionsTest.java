package dev.conference.platform.faults;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.platform.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** kill -9 of c4p-service in the middle of a burst of decisions loses and duplicates nothing. */
class CrashDuringDecisionsTest extends DecisionFaultTest {

    private static final int PROPOSALS = 30;
    private static final int WORKERS = 4;

    @Test
    void killNineDuringDecisionsThenRestartDeliversEverySideEffectOnce() throws Exception {
        List<Proposal> proposals = submitProposals(PROPOSALS, "Crash");
        DecisionBurst burst = new DecisionBurst();
        ServiceProcess c4pService = platform.c4p;
        CompletableFuture<DecisionBurst.Figures> deciding = CompletableFuture.supplyAsync(() -> run(burst, proposals,
                attempt -> c4pService.url()));
        try {
            eventually(Duration.ofSeconds(30), () -> burst.answered() >= PROPOSALS / 4, "a quarter decided");
        } finally {
            c4pService.kill();
            c4pService.start().awaitReady(Duration.ofSeconds(90));
        }

        assertEverySideEffectOnce("kill -9 of c4p-service during %d decisions (%d workers), restarted"
                .formatted(PROPOSALS, WORKERS), proposals, deciding.get());
    }

    @Test
    void twoReplicasOneKilledTheOtherTakesTheRetriesAndEverySideEffectHappensOnce() throws Exception {
        ServiceProcess replica = platform.newC4pReplica().start().awaitReady(Duration.ofSeconds(90));
        List<Proposal> proposals = submitProposals(PROPOSALS, "Two replicas");
        DecisionBurst burst = new DecisionBurst();
        List<String> both = List.of(platform.c4p.url(), replica.url());
        CompletableFuture<DecisionBurst.Figures> deciding = CompletableFuture.supplyAsync(() -> run(burst, proposals,
                // Spread over both until the replica is killed; then every failure moves on to the survivor.
                attempt -> replica.isAlive() ? both.get(attempt % 2) : platform.c4p.url()));
        try {
            eventually(Duration.ofSeconds(30), () -> burst.answered() >= PROPOSALS / 4, "a quarter decided");
        } finally {
            replica.kill();
        }

        assertEverySideEffectOnce("two c4p-service replicas, kill -9 of one during %d decisions (%d workers), retried on the other"
                .formatted(PROPOSALS, WORKERS), proposals, deciding.get());
    }

    /** Once the side effects settled: reports the burst after {@code fault}, and none was lost or doubled. */
    private void assertEverySideEffectOnce(String fault, List<Proposal> proposals, DecisionBurst.Figures figures) {
        Outcome outcome = settle(proposals, 2);
        FaultReport.line(fault + ": %d calls, %d failed %s and retried, final statuses %s; %d approved; lost %d, duplicated %d",
                figures.calls(), figures.failedCalls(), figures.failuresByKind(),
                figures.finalStatuses(), outcome.approved(), outcome.lost(), outcome.duplicated());
        assertThat(figures.conflicts()).isZero();
        assertThat(outcome.lost()).isZero();
        assertThat(outcome.duplicated()).isZero();
    }

    private static DecisionBurst.Figures run(DecisionBurst burst, List<Proposal> proposals,
                                             java.util.function.IntFunction<String> replicas) {
        try {
            return burst.run(proposals.stream().map(Proposal::asDecision).toList(), WORKERS, replicas, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

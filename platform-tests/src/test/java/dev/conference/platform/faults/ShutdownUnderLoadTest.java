package dev.conference.platform.faults;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.platform.PlatformTest;
import dev.conference.platform.ServiceProcess;
import dev.conference.testsupport.KeepAliveLoad;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under a load of kept-alive connections: no request that was sent fails (no reset, no
 * close before the answer, no 5xx). Connections refused at connect time once the listener closed
 * sent nothing; in Kubernetes the Service routes those to another pod.
 */
class ShutdownUnderLoadTest extends PlatformTest {

    private static final int CONNECTIONS = 8;
    private static final int MAX_REQUESTS = 20_000;

    @Test
    void sigtermOfAServiceUnderKeepAliveLoadFailsNoRequestThatWasSent() throws Exception {
        KeepAliveLoad.Figures figures = stopUnderLoad(platform.agenda, platform.agenda.port(),
                KeepAliveLoad.Request.get("/slots"));
        assertThat(figures.failedAfterSending()).as(figures.toString()).isZero();
    }

    @Test
    void sigtermOfTheFrontendUnderKeepAliveLoadFailsNoRequestThatWasSent() throws Exception {
        KeepAliveLoad.Figures figures = stopUnderLoad(platform.frontend, platform.frontend.port(),
                KeepAliveLoad.Request.get("/api/cfp"));
        assertThat(figures.failedAfterSending()).as(figures.toString()).isZero();
    }

    private KeepAliveLoad.Figures stopUnderLoad(ServiceProcess service, int port, KeepAliveLoad.Request request)
            throws Exception {
        KeepAliveLoad load = KeepAliveLoad.start("127.0.0.1", port, CONNECTIONS, MAX_REQUESTS, n -> request);
        KeepAliveLoad.Figures figures;
        try {
            eventually(Duration.ofSeconds(30), () -> load.answered() >= 300, "the load runs");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);
            eventually(Duration.ofSeconds(30), () -> load.refusedBeforeSending() > 0, "the listener closed");
            stopping.get(60, TimeUnit.SECONDS);
        } finally {
            figures = load.stop();
            service.start().awaitReady(Duration.ofSeconds(90));
        }
        FaultReport.line("SIGTERM of %s under %d kept-alive connections: %s", service.name(), CONNECTIONS, figures);
        return figures;
    }
}

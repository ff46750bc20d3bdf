package dev.conference.platform.faults;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.platform.Platform;
import dev.conference.platform.PlatformTest;
import dev.conference.platform.ServiceProcess;
import dev.conference.testsupport.KeepAliveLoad;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * agenda-service killed (SIGKILL) while agenda reads go through a gateway without the micro-cache, so that every read
 * is asked of agenda-service, most of them from the gateway's connection pipeline: calls cut off mid-answer, refused
 * connections and an open breaker must all end in an answer, the copy while agenda-service is away and agenda-service's
 * own once it is back.
 */
class AgendaServiceKilledUnderReadsTest extends PlatformTest {

    private static final int CONNECTIONS = 8;
    private static final int MAX_REQUESTS = 200_000;

    @Test
    void everyAgendaReadIsAnsweredWhileAgendaServiceIsKilledAndRestarted() throws Exception {
        ServiceProcess gateway = platform.frontend.referenceFrom(ServiceProcess.jarOf("frontend-service"),
                Platform.freePort(), Map.of("frontend.agenda.micro-cache-ttl", "0s"));
        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        KeepAliveLoad load = null;
        KeepAliveLoad.Figures figures;
        try {
            gateway.start().awaitReady(Duration.ofSeconds(90));
            load = KeepAliveLoad.start("127.0.0.1", gateway.port(), CONNECTIONS, MAX_REQUESTS,
                    n -> KeepAliveLoad.Request.get("/api/agenda"),
                    answer -> answers.computeIfAbsent(answer.status() + (isStale(answer) ? " stale" : ""),
                            status -> new AtomicLong()).incrementAndGet());
            KeepAliveLoad running = load;
            eventually(Duration.ofSeconds(30), () -> running.answered() >= 500, "the reads run");

            platform.agenda.kill();
            eventually(Duration.ofSeconds(30), () -> stale(answers) >= 500, "reads answered from the copy");
            platform.agenda.start().awaitReady(Duration.ofSeconds(90));
            long freshBefore = fresh(answers);
            eventually(Duration.ofSeconds(30), () -> fresh(answers) >= freshBefore + 500,
                    "reads answered by agenda-service again");
        } finally {
            figures = load == null ? null : load.stop();
            gateway.stop();
            if (!platform.agenda.isAlive()) {
                platform.agenda.start().awaitReady(Duration.ofSeconds(90));
            }
        }
        FaultReport.line("kill -9 of agenda-service under %d kept-alive connections reading the agenda through a gateway "
                + "without the micro-cache, restarted: %s; answers %s", CONNECTIONS, figures, answers);
        assertThat(figures.failedAfterSending()).as(figures.toString()).isZero();
        assertThat(figures.statuses().keySet()).as(figures.toString()).containsOnly(200);
    }

    private static boolean isStale(KeepAliveLoad.Answer answer) {
        return answer.headers().entrySet().stream()
                .anyMatch(header -> header.getKey().equalsIgnoreCase("X-Agenda-Stale") && header.getValue().equals("true"));
    }

    private static long stale(Map<String, AtomicLong> answers) {
        AtomicLong stale = answers.get("200 stale");
        return stale == null ? 0 : stale.get();
    }

    private static long fresh(Map<String, AtomicLong> answers) {
        AtomicLong fresh = answers.get("200");
        return fresh == null ? 0 : fresh.get();
    }
}

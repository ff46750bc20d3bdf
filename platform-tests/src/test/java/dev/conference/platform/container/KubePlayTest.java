package dev.conference.platform.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.helm.Manifests;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rendered workloads played by {@code podman kube play} (changed only where podman 4.3 needs it,
 * see {@link KubePlay}) keep the chart's security settings and limits, and serve the whole journey.
 */
class KubePlayTest {

    @Test
    void renderedWorkloadsPlayedByPodmanKeepTheirHardeningAndServeTheJourney() {
        Images images = Images.get();
        ChartContainers.removeLeftovers();
        Manifests release = SecretsJobs.run(ChartContainers.render(), images.services.get("frontend-service"));
        try (KubePlay play = new KubePlay(release, images)) {
            long started = System.nanoTime();
            play.play();

            for (String service : Images.SERVICES) {
                var limits = release.workloads().stream().filter(w -> w.longRunning() && service.equals(w.component()))
                        .findFirst().orElseThrow().pod().getContainers().getFirst().getResources().getLimits();
                String inspected = Podman.check("inspect", "--format",
                        "{{.Config.User}}|{{.HostConfig.ReadonlyRootfs}}|{{.EffectiveCaps}}|{{.HostConfig.SecurityOpt}}|{{.HostConfig.Memory}}",
                        "conference-" + service + "-" + service);

                assertThat(inspected).as(service).isEqualTo("10001:10001|true|[]|[no-new-privileges]|%s",
                        Quantity.getAmountInBytes(limits.get("memory")).toBigInteger());
            }
            // podman 4.3 plays no readiness or startup probes: the test asks each readiness probe as the kubelet
            // would, and, as a Service sends traffic only to ready pods, walks the journey once all four are ready.
            assertThat(play.readinessUrls).as("a readiness probe for each service").containsOnlyKeys(Images.SERVICES);
            Journey journey = new Journey("http://127.0.0.1:" + play.frontendPort, play.imapPort,
                    release.secretData("conference-frontend-service-organizer-passwords").get("organizer"))
                    .whenUnanswered(KubePlayTest::keepThreadDumpsAndLogs);
            journey.awaitReady(play.readinessUrls, Duration.ofMinutes(4));
            journey.awaitSite(Duration.ofMinutes(1));
            ContainerReport.line("podman kube play: the four services were ready and the site reached c4p-service and "
                    + "agenda-service %.0f s after the play", Images.seconds(started));
            journey.walk("Played by podman kube play");
        }
    }

    /**
     * A request that got no answer is a defect to find: each service prints its threads (SIGQUIT makes the JVM
     * write them to its log) and its log is kept next to the report.
     */
    private static void keepThreadDumpsAndLogs() {
        for (String service : Images.SERVICES) {
            String container = "conference-" + service + "-" + service;
            Podman.run("kill", "--signal", "QUIT", container);
        }
        try {
            Thread.sleep(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String service : Images.SERVICES) {
            String file = "kube-play-unanswered-" + service + ".log";
            Podman.Result logs = Podman.run("logs", "conference-" + service + "-" + service);
            ContainerReport.write(file, logs.out() + logs.err());
            ContainerReport.line("journey: %s's threads and log at the time are in %s", service, file);
        }
    }
}

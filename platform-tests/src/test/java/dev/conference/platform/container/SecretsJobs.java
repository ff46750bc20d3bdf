package dev.conference.platform.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.helm.Charts;
import dev.conference.helm.Manifests;
import dev.conference.helm.Manifests.Workload;
import dev.conference.testsupport.FakeKubernetesApi;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The release's secrets Jobs, run as a cluster runs them before the first install: the rendered container in
 * the frontend-service image, with the Job's command, environment, user and limits, against a stand-in
 * Kubernetes API on the host (its service-account directory mounted where a Pod finds its own). Then once
 * more, as before an upgrade, which must change nothing.
 */
final class SecretsJobs {

    private SecretsJobs() {
    }

    /** The release with the Secrets its Jobs created. */
    static Manifests run(Manifests release, String frontendImage) {
        List<Workload> jobs = release.workloads().stream()
                .filter(w -> w.owner() instanceof Job && w.component().endsWith("-secrets")).toList();
        assertThat(jobs).as("the release's secrets Jobs").isNotEmpty();
        try (FakeKubernetesApi api = FakeKubernetesApi.start(Charts.NAMESPACE)) {
            for (Workload job : jobs) {
                String first = runOnce(job, frontendImage, api);
                ContainerReport.line("Secrets Job %s, first install: %s", job.name(), first.strip().replace("\n", "; "));
            }
            Map<String, Map<String, String>> installed = api.secrets();
            api.clearRequests();
            for (Workload job : jobs) {
                String again = runOnce(job, frontendImage, api);
                assertThat(again.lines()).as("%s before an upgrade", job.name()).allMatch(line -> line.startsWith("kept Secret "));
            }
            assertThat(api.requests()).as("requests of the second run").allMatch(r -> r.method().equals("GET"));
            assertThat(api.secrets()).as("the Secrets after an upgrade").isEqualTo(installed);
            return release.withSecrets(installed);
        }
    }

    private static String runOnce(Workload job, String image, FakeKubernetesApi api) {
        Container container = job.pod().getContainers().getFirst();
        var user = container.getSecurityContext();
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--network", "host", "--read-only", "--tmpfs", "/tmp",
                "--user", user.getRunAsUser() + ":" + user.getRunAsGroup(), "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--memory", Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).toBigInteger().toString(),
                "--volume", api.serviceAccountDir() + ":/var/run/secrets/kubernetes.io/serviceaccount:ro",
                "--env", "KUBERNETES_SERVICE_HOST=" + api.host(), "--env", "KUBERNETES_SERVICE_PORT=" + api.port()));
        for (var env : container.getEnv()) {
            args.addAll(List.of("--env", env.getName() + "=" + env.getValue()));
        }
        List<String> command = container.getCommand();
        args.addAll(List.of("--entrypoint", command.getFirst(), image));
        args.addAll(command.subList(1, command.size()));
        Podman.Result result = Podman.run(Duration.ofMinutes(2), args);
        assertThat(result.exitCode()).as("%s:\n%s%s", job.name(), result.out(), result.err()).isZero();
        return result.out();
    }
}

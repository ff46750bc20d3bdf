package dev.conference.platform.container;

import dev.conference.helm.Manifests;
import dev.conference.helm.Manifests.Workload;
import dev.conference.platform.Platform;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rendered release handed to {@code podman kube play}, changed only where podman 4.3 needs it
 * (docs/containers.md lists each change): each Deployment and StatefulSet becomes one Pod named after the
 * Service that selects it, so that the Service names the chart renders into the settings resolve on the
 * network; Secrets become podman secrets, which {@code secretKeyRef} reads; the stores and Mailpit run
 * the stand-in images; the frontend's and the SMTP sink's IMAP ports are published on 127.0.0.1.
 */
final class KubePlay implements AutoCloseable {

    final String run = "kp-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    final int frontendPort = Platform.freePort();
    final int imapPort = Platform.freePort();
    /** Each of the four services' readiness probe, as the kubelet would ask it, on the port published on 127.0.0.1. */
    final Map<String, String> readinessUrls = new LinkedHashMap<>();
    private final Manifests release;
    private final Images images;
    private final Path file;
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Set<String> volumes = new LinkedHashSet<>();
    private boolean played;

    KubePlay(Manifests release, Images images) {
        this.release = release;
        this.images = images;
        this.file = ContainerReport.directory().resolve("kube-play.yaml");
    }

    /** Writes the YAML podman plays, creates the network and secrets, and plays it. */
    void play() {
        List<HasMetadata> documents = new ArrayList<>();
        for (String service : Images.SERVICES) {
            documents.add(release.get(ConfigMap.class, "conference-" + service));
        }
        for (Workload workload : release.workloads()) {
            if (workload.longRunning()) {
                documents.add(pod(workload));
            }
        }
        for (PersistentVolumeClaim claim : release.all(PersistentVolumeClaim.class)) {
            documents.add(claim);
            volumes.add(claim.getMetadata().getName());
        }
        StringBuilder yaml = new StringBuilder();
        documents.forEach(document -> yaml.append(Serialization.asYaml(document)));
        ContainerReport.write(file.getFileName().toString(), yaml.toString());

        Podman.check("network", "create", "--label", ChartContainers.LABEL + "=" + run, run);
        for (Secret secret : release.all(Secret.class)) {
            Podman.run("secret", "rm", secret.getMetadata().getName()); // left by an interrupted run
            Path data = ContainerReport.directory().resolve(run + "-" + secret.getMetadata().getName() + ".secret.json");
            // podman 4.3 reads a secretKeyRef from a podman secret holding the Secret's data map (base64 values).
            ContainerReport.write(data.getFileName().toString(), Serialization.asJson(secret.getData()));
            Podman.check("secret", "create", "--label", ChartContainers.LABEL + "=" + run, secret.getMetadata().getName(),
                    data.toString());
            ContainerReport.delete(data.getFileName().toString());
            secrets.add(secret.getMetadata().getName());
        }
        // Volumes of these names left by an interrupted run would hold another run's data and permissions.
        volumes.forEach(volume -> Podman.run("volume", "rm", "--force", volume));
        played = true;
        Podman.Result play = Podman.run(Duration.ofMinutes(5), "kube", "play", "--network", run, "--build=false",
                file.toString());
        ContainerReport.write("kube-play.log", play.out() + play.err());
        play.orFail();
    }

    private Pod pod(Workload workload) {
        PodSpec spec = Serialization.clone(workload.pod());
        Container container = spec.getContainers().getFirst();
        switch (workload.component()) {
            case "postgresql", "redis" -> container.setImage(images.storesImage);
            case "mailpit" -> {
                container.setImage(images.jreImage);
                container.setCommand(ChartContainers.MAIL_SINK_COMMAND);
                container.setArgs(List.of());
                container.getPorts().add(new ContainerPortBuilder().withName("imap").withContainerPort(ChartContainers.IMAP_PORT)
                        .withHostIP("127.0.0.1").withHostPort(imapPort).build());
                container.setLivenessProbe(null);
                spec.getVolumes().add(new VolumeBuilder().withName("greenmail").withNewHostPath()
                        .withPath(ContainerReport.directory().resolve("greenmail-standalone.jar").toAbsolutePath().toString())
                        .withType("File").endHostPath().build());
                List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>(
                        Objects.requireNonNullElse(container.getVolumeMounts(), List.of()));
                mounts.add(new VolumeMountBuilder().withName("greenmail").withMountPath("/opt/greenmail/greenmail-standalone.jar")
                        .withReadOnly(true).build());
                container.setVolumeMounts(mounts);
            }
            default -> {
            }
        }
        // podman 4.3 publishes every container port on the host, on the same port number and every address:
        // four services on 8080 would collide, so each gets a free port on 127.0.0.1 (the frontend's is known).
        for (ContainerPort port : container.getPorts()) {
            if (port.getHostPort() == null) {
                port.setHostIP("127.0.0.1");
                port.setHostPort(workload.component().equals("frontend-service") && "http".equals(port.getName())
                        ? frontendPort : Platform.freePort());
            }
        }
        if (Images.SERVICES.contains(workload.component()) && container.getReadinessProbe() != null
                && container.getReadinessProbe().getHttpGet() != null) {
            var probe = container.getReadinessProbe().getHttpGet();
            container.getPorts().stream()
                    .filter(port -> probe.getPort().getStrVal() != null ? probe.getPort().getStrVal().equals(port.getName())
                            : probe.getPort().getIntVal().equals(port.getContainerPort()))
                    .findFirst()
                    .ifPresent(port -> readinessUrls.put(workload.component(),
                            "http://127.0.0.1:" + port.getHostPort() + probe.getPath()));
        }
        String name = release.all(Service.class).stream()
                .filter(s -> Manifests.selects(s.getSpec().getSelector(), workload.podLabels()))
                .map(s -> s.getMetadata().getName()).findFirst().orElse(workload.name());
        // podman 4.3 makes an emptyDir a named volume called after the volume: every pod's "tmp" would be one
        // and the same volume. A name of the pod's own keeps them apart.
        for (var volume : spec.getVolumes()) {
            if (volume.getEmptyDir() != null) {
                String own = name + "-" + volume.getName();
                for (Container each : spec.getContainers()) {
                    Objects.requireNonNullElse(each.getVolumeMounts(), List.<io.fabric8.kubernetes.api.model.VolumeMount>of())
                            .stream().filter(m -> m.getName().equals(volume.getName())).forEach(m -> m.setName(own));
                }
                volume.setName(own);
                volumes.add(own);
            }
        }
        Map<String, String> labels = new LinkedHashMap<>(workload.podLabels());
        labels.put(ChartContainers.LABEL, run);
        return new PodBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build())
                .withSpec(spec).build();
    }

    /** Everything it made, by name: the pods (podman kube down), the volumes, the secrets, the network. */
    @Override
    public void close() {
        if (played) {
            // Kept for a failure's diagnosis, as the other container tests keep theirs.
            for (String service : Images.SERVICES) {
                String container = "conference-" + service + "-" + service;
                Podman.Result logs = Podman.run("logs", "--tail", "2000", container);
                ContainerReport.write("kube-play-" + service + ".txt", logs.out() + logs.err());
            }
            Podman.run("kube", "down", file.toString());
        }
        Podman.run("pod", "ls", "--filter", "label=" + ChartContainers.LABEL + "=" + run, "--format", "{{.Name}}").out().lines()
                .forEach(pod -> Podman.run("pod", "rm", "--force", pod));
        volumes.forEach(volume -> Podman.run("volume", "rm", "--force", volume));
        secrets.forEach(secret -> Podman.run("secret", "rm", secret));
        Podman.run("network", "rm", "--force", run);
    }
}

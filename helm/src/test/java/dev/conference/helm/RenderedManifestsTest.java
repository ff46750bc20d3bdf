package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.helm.Manifests.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The umbrella chart, rendered with its defaults and with every ci/*-values.yaml variant, keeps the
 * platform's rules for what runs in the cluster.
 */
class RenderedManifestsTest {

    /** Secrets the operator creates, by the variants that name them. */
    private static final java.util.Map<String, Set<String>> OPERATOR_SECRETS = java.util.Map.of(
            "external", Set.of("c4p-database", "platform-redis", "smtp-credentials", "organizer-logins", "oidc-client"),
            Charts.PRODUCTION, Set.of("conference-database", "conference-redis", "conference-smtp", "conference-organizer-logins"));
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final int GRACEFUL_SHUTDOWN_SECONDS = 20;

    static List<String> variants() {
        return Charts.variants();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyLongRunningContainerHasStartupLivenessAndReadinessProbes(String variant) {
        for (Workload w : Charts.umbrella(variant).workloads()) {
            if (!w.longRunning()) {
                continue;
            }
            for (Container c : w.pod().getContainers()) {
                assertThat(List.of(probe(c.getStartupProbe()), probe(c.getLivenessProbe()), probe(c.getReadinessProbe())))
                        .as("%s container %s: startup, liveness and readiness probes", w, c.getName())
                        .doesNotContainNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void javaServicesProbeTheActuatorHealthGroupsOnTheirManagementPort(String variant) {
        Manifests m = Charts.umbrella(variant);
        for (String service : Charts.SERVICES) {
            Container c = m.workload(service).pod().getContainers().getFirst();
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            for (Probe p : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                assertThat(p.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("management");
            }
            assertThat(c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold())
                    .as("%s: seconds the startup probe allows a slow start", service).isGreaterThanOrEqualTo(60);
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyContainerHasRequestsAndLimitsAndRequestsNoMoreMemoryThanItsLimit(String variant) {
        for (Workload w : Charts.umbrella(variant).workloads()) {
            for (Container c : w.allContainers()) {
                var resources = c.getResources();
                assertThat(resources).as("%s container %s resources", w, c.getName()).isNotNull();
                assertThat(resources.getRequests()).as("%s container %s requests", w, c.getName()).containsKeys("cpu", "memory");
                assertThat(resources.getLimits()).as("%s container %s limits", w, c.getName()).containsKeys("cpu", "memory");
                assertThat(bytes(resources.getRequests().get("memory")))
                        .as("%s container %s: memory request within limit", w, c.getName())
                        .isLessThanOrEqualTo(bytes(resources.getLimits().get("memory")));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyPodRunsNonRootReadOnlyWithoutCapabilitiesOrPrivilegeEscalation(String variant) {
        for (Workload w : Charts.umbrella(variant).workloads()) {
            var pod = w.pod().getSecurityContext();
            assertThat(pod).as("%s pod securityContext", w).isNotNull();
            assertThat(pod.getRunAsNonRoot()).as("%s runAsNonRoot", w).isTrue();
            assertThat(pod.getRunAsUser()).as("%s runAsUser", w).isNotNull().isPositive();
            assertThat(pod.getSeccompProfile().getType()).as("%s seccomp", w).isEqualTo("RuntimeDefault");
            for (Container c : w.allContainers()) {
                var sc = c.getSecurityContext();
                String what = w + " container " + c.getName();
                assertThat(sc).as(what).isNotNull();
                assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", what).isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", what).isTrue();
                assertThat(sc.getRunAsNonRoot()).as("%s runAsNonRoot", what).isTrue();
                assertThat(sc.getPrivileged()).as("%s privileged", what).isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as("%s drops", what).containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as("%s adds", what).isNullOrEmpty();
                assertThat(sc.getSeccompProfile().getType()).as("%s seccomp", what).isEqualTo("RuntimeDefault");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyWorkloadHasItsOwnServiceAccountAndOnlyTheSecretsJobsMountAToken(String variant) {
        Manifests m = Charts.umbrella(variant);
        Set<String> seen = new HashSet<>();
        for (Workload w : m.workloads()) {
            boolean secretsJob = w.owner() instanceof Job && w.component().endsWith("-secrets");
            assertThat(w.pod().getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", w).isEqualTo(secretsJob);
            if (secretsJob) {
                assertThat(w.owner().getMetadata().getAnnotations()).as("%s runs as a hook", w)
                        .containsEntry(Charts.HOOK_MARKER, "pre-install,pre-upgrade");
                assertThat(m.get(ServiceAccount.class, w.pod().getServiceAccountName()).getMetadata().getAnnotations())
                        .as("%s's ServiceAccount exists before it", w).containsEntry(Charts.HOOK_MARKER, "pre-install,pre-upgrade");
            }
            if (w.owner().getMetadata().getAnnotations() != null
                    && w.owner().getMetadata().getAnnotations().containsKey(Charts.HOOK_MARKER)) {
                continue; // hooks: the helm test pods (no API access), the secrets Jobs (checked above)
            }
            String account = w.pod().getServiceAccountName();
            assertThat(account).as("%s serviceAccountName", w).isNotBlank();
            assertThat(seen.add(account)).as("%s shares service account %s", w, account).isTrue();
            assertThat(m.get(ServiceAccount.class, account).getAutomountServiceAccountToken())
                    .as("ServiceAccount %s automountServiceAccountToken", account).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void deploymentsRollWithoutTakingAReadyPodAwayAndShutDownGracefully(String variant) {
        for (Deployment d : Charts.umbrella(variant).all(Deployment.class)) {
            String name = d.getMetadata().getName();
            assertThat(d.getSpec().getStrategy().getType()).as(name).isEqualTo("RollingUpdate");
            assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).as("%s maxUnavailable", name).isZero();
            var pod = d.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                long pause = preStopPauseSeconds(c);
                assertThat(pause).as("%s preStop seconds", name).isPositive();
                long shutdown = Charts.SERVICES.contains(d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name"))
                        ? GRACEFUL_SHUTDOWN_SECONDS : 0;
                assertThat(pod.getTerminationGracePeriodSeconds()).as("%s terminationGracePeriodSeconds", name)
                        .isGreaterThan(pause + shutdown);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everySelectorMatchesThePodsItIsMeantFor(String variant) {
        Manifests m = Charts.umbrella(variant);
        List<Workload> workloads = m.workloads();
        for (Workload w : workloads) {
            if (w.owner() instanceof Deployment d) {
                assertThat(Manifests.selects(d.getSpec().getSelector(), w.podLabels())).as("%s selects its pods", w).isTrue();
            }
            if (Manifests.isRollout(w.owner())) {
                assertThat(Manifests.selects(Manifests.rolloutSelector(w.owner()), w.podLabels())).as("%s selects its pods", w).isTrue();
            }
            if (w.owner() instanceof StatefulSet s) {
                assertThat(Manifests.selects(s.getSpec().getSelector(), w.podLabels())).as("%s selects its pods", w).isTrue();
                assertThat(m.find(Service.class, s.getSpec().getServiceName())).as("%s serviceName", w)
                        .hasValueSatisfying(governing -> assertThat(governing.getSpec().getClusterIP())
                                .as("%s's governing Service is headless", w).isEqualTo("None"));
            }
        }
        for (Workload a : workloads) {
            if (!a.longRunning()) {
                continue;
            }
            for (Workload b : workloads) {
                if (a != b) {
                    assertThat(Manifests.selects(selector(a), b.podLabels())).as("%s's selector also selects %s's pods", a, b).isFalse();
                }
            }
        }
        for (Service s : m.all(Service.class)) {
            List<Workload> selected = workloads.stream().filter(w -> Manifests.selects(s.getSpec().getSelector(), w.podLabels())).toList();
            assertThat(selected).as("Service %s selects the pods of exactly one long-running workload", s.getMetadata().getName())
                    .hasSize(1).allMatch(Workload::longRunning);
        }
        for (PodDisruptionBudget pdb : m.all(PodDisruptionBudget.class)) {
            assertThat(workloads.stream().filter(w -> Manifests.selects(pdb.getSpec().getSelector(), w.podLabels())))
                    .as("PDB %s", pdb.getMetadata().getName()).singleElement().matches(Workload::longRunning);
        }
        for (HorizontalPodAutoscaler hpa : m.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isIn("Deployment", "Rollout");
            Workload scaled = workloads.stream().filter(w -> w.kind().equals(target.getKind()) && w.name().equals(target.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("HPA target " + target.getKind() + "/" + target.getName()));
            assertThat(Serialization.asJson(scaled.owner())).as("%s leaves replicas to its HPA", target.getName())
                    .doesNotContain("\"replicas\"");
        }
        for (NetworkPolicy np : m.all(NetworkPolicy.class)) {
            assertThat(workloads.stream().filter(w -> Manifests.selects(np.getSpec().getPodSelector(), w.podLabels())))
                    .as("NetworkPolicy %s selects some pods", np.getMetadata().getName()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyServicePortTargetsANamedContainerPortOfItsPods(String variant) {
        Manifests m = Charts.umbrella(variant);
        for (Service s : m.all(Service.class)) {
            Workload w = m.workloads().stream().filter(x -> Manifests.selects(s.getSpec().getSelector(), x.podLabels())).findFirst().orElseThrow();
            for (var port : s.getSpec().getPorts()) {
                String what = "Service " + s.getMetadata().getName() + " port " + port.getName();
                assertThat(port.getTargetPort().getStrVal()).as("%s targets a port by name", what).isNotBlank();
                List<ContainerPort> matching = w.pod().getContainers().stream()
                        .flatMap(c -> c.getPorts().stream())
                        .filter(p -> port.getTargetPort().getStrVal().equals(p.getName()))
                        .toList();
                assertThat(matching).as("%s: container port named %s", what, port.getTargetPort().getStrVal()).hasSize(1);
                assertThat(matching.getFirst().getProtocol()).as(what).isEqualTo(port.getProtocol());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyImageIsPinnedAndNoneIsLatest(String variant) {
        for (Workload w : Charts.umbrella(variant).workloads()) {
            for (Container c : w.allContainers()) {
                String image = c.getImage();
                String what = w + " container " + c.getName() + " image " + image;
                if (image.contains("@sha256:")) {
                    continue;
                }
                int slash = image.lastIndexOf('/');
                int colon = image.lastIndexOf(':');
                assertThat(colon).as("%s has a tag", what).isGreaterThan(slash);
                String tag = image.substring(colon + 1);
                assertThat(tag).as(what).isNotBlank().isNotEqualToIgnoringCase("latest");
                assertThat(c.getImagePullPolicy()).as(what).isIn("IfNotPresent", "Always");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everySecretAndConfigMapAPodUsesIsRenderedMadeByTheSecretsJobOrNamedByTheOperator(String variant) {
        Manifests m = Charts.umbrella(variant);
        assertThat(m.all(Secret.class)).as("no Secret is rendered: its values would change with every render").isEmpty();
        java.util.Map<String, java.util.Map<String, Object>> generated = new java.util.HashMap<>();
        for (var spec : m.generatedSecretSpecs()) {
            @SuppressWarnings("unchecked")
            var keys = (java.util.Map<String, Object>) spec.get("keys");
            generated.put((String) spec.get("name"), keys);
        }
        for (Workload w : m.workloads()) {
            for (Container c : w.allContainers()) {
                if (c.getEnvFrom() != null) {
                    for (var from : c.getEnvFrom()) {
                        if (from.getConfigMapRef() != null) {
                            assertThat(m.find(ConfigMap.class, from.getConfigMapRef().getName())).as("%s envFrom", w).isPresent();
                        }
                    }
                }
                if (c.getEnv() == null) {
                    continue;
                }
                for (var env : c.getEnv()) {
                    assertThat(ENV_NAME.matcher(env.getName()).matches()).as("%s env %s", w, env.getName()).isTrue();
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        if (OPERATOR_SECRETS.getOrDefault(variant, Set.of()).contains(ref.getName())) {
                            continue;
                        }
                        assertThat(generated.get(ref.getName()))
                                .as("%s env %s: Secret %s is made by a secrets Job", w, env.getName(), ref.getName()).isNotNull()
                                .as("%s env %s: key %s of Secret %s", w, env.getName(), ref.getKey(), ref.getName())
                                .containsKey(ref.getKey());
                    }
                }
            }
            for (var volume : w.pod().getVolumes() == null ? List.<io.fabric8.kubernetes.api.model.Volume>of() : w.pod().getVolumes()) {
                if (volume.getPersistentVolumeClaim() != null) {
                    assertThat(m.find(PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName()))
                            .as("%s volume %s", w, volume.getName()).isPresent();
                }
            }
        }
        for (ConfigMap cm : m.all(ConfigMap.class)) {
            if (cm.getData() != null && !cm.getMetadata().getName().endsWith("grafana-dashboard")) {
                assertThat(cm.getData().keySet()).as("ConfigMap %s keys are environment variable names", cm.getMetadata().getName())
                        .allMatch(k -> ENV_NAME.matcher(k).matches());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyObjectHasAUniqueNameTheStandardLabelsAndTheReleaseNamespace(String variant) {
        Manifests m = Charts.umbrella(variant);
        Set<String> names = new HashSet<>();
        for (HasMetadata r : m.resources()) {
            String id = r.getKind() + "/" + r.getMetadata().getName();
            assertThat(names.add(id)).as("%s is rendered once", id).isTrue();
            assertThat(r.getMetadata().getNamespace()).as(id).isEqualTo(Charts.NAMESPACE);
            assertThat(r.getMetadata().getLabels()).as("%s labels", id)
                    .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by",
                            "app.kubernetes.io/part-of", "helm.sh/chart")
                    .containsEntry("app.kubernetes.io/instance", Charts.RELEASE);
        }
    }

    /** The seconds a container's preStop hook pauses: a sleep action, or the image's sleep command. */
    static long preStopPauseSeconds(Container c) {
        var preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        assertThat(preStop).as("%s preStop", c.getName()).isNotNull();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds();
        }
        assertThat(preStop.getExec()).as("%s preStop: a sleep action or a sleep command", c.getName()).isNotNull();
        List<String> command = preStop.getExec().getCommand();
        assertThat(command).as("%s preStop command", c.getName()).hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(command.get(1));
    }

    private static Probe probe(Probe probe) {
        return probe == null || (probe.getHttpGet() == null && probe.getExec() == null && probe.getTcpSocket() == null) ? null : probe;
    }

    private static BigDecimal bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(Objects.requireNonNull(quantity));
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector selector(Workload w) {
        if (w.owner() instanceof Deployment d) {
            return d.getSpec().getSelector();
        }
        if (Manifests.isRollout(w.owner())) {
            return Manifests.rolloutSelector(w.owner());
        }
        return ((StatefulSet) w.owner()).getSpec().getSelector();
    }

    static List<String> componentsOf(Manifests m) {
        List<String> components = new ArrayList<>();
        m.workloads().forEach(w -> components.add(w.component()));
        return components;
    }
}

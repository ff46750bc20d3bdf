package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.helm.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an operator would otherwise meet only on a live cluster: egress to external stores, public
 * metrics, memory that does not fit, starts that outrun their budget, restarts on chart bumps, an
 * autoscaler that fires at rest, images only KinD has, open internal services, and the smaller ones.
 */
class DayOneDefectsTest {

    private static final long MIB = 1024 * 1024;

    static List<String> variants() {
        return Charts.variants();
    }

    // 1. External stores with NetworkPolicies on

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            postgresql.enabled=false,c4p-service.database.host=db.example.org                                  | c4p-service: database db.example.org | database.egressCidrs
            redis.enabled=false,agenda-service.redis.host=r.example.org,frontend-service.redis.host=r.example.org | redis r.example.org is outside the release | redis.egressCidrs
            mailpit.enabled=false,email-service.smtp.host=smtp.example.org                                     | email-service: smtp smtp.example.org | smtp.egressCidrs
            frontend-service.oidc.enabled=true,frontend-service.oidc.issuerUri=https://id.example.org/realms/c,frontend-service.oidc.clientId=c,frontend-service.oidc.existingSecret=s | frontend-service: oidc id.example.org | oidc.egressCidrs
            """)
    void anExternalStoreWithoutItsCidrsStopsTheRenderAndNamesTheValueToSet(String sets, String names, String value) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String set : sets.split(",")) {
            String[] kv = set.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        assertThatThrownBy(() -> Charts.render("conference-platform", List.of(), values))
                .hasMessageContaining(names).hasMessageContaining(value);
        values.put("global.networkPolicy.enabled", "false");
        assertThat(Manifests.parse(Charts.render("conference-platform", List.of(), values)).workloads())
                .as("without NetworkPolicies nothing needs allowing").isNotEmpty();
    }

    @Test
    void externalStoresAndTheIdentityProviderAreReachedAtTheirCidrsAndNoRulePointsAtPodsThatAreNotThere() {
        Manifests m = Charts.umbrella("external");
        Map<String, Set<String>> egress = ipEgress(m);
        assertThat(egress.get("c4p-service")).containsExactly("10.20.0.0/24:5432");
        assertThat(egress.get("agenda-service")).containsExactly("10.20.1.0/24:6379");
        assertThat(egress.get("email-service")).containsExactly("203.0.113.25/32:587");
        assertThat(egress.get("frontend-service")).containsExactlyInAnyOrder("10.20.1.0/24:6379", "198.51.100.0/24:443");
        for (NetworkPolicy np : m.all(NetworkPolicy.class)) {
            for (var rule : np.getSpec().getEgress() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of() : np.getSpec().getEgress()) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        assertThat(m.workloads()).as("%s egress to %s", np.getMetadata().getName(), peer.getPodSelector().getMatchLabels())
                                .anyMatch(w -> Manifests.selects(peer.getPodSelector(), w.podLabels()));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            global.otel.enabled=true,global.otel.endpoint=http://collector:4318 | OpenTelemetry is on and NetworkPolicies are on, but no egress reaches the collector
            c4p-service.managementPort=8080                                      | managementPort must differ from containerPort
            """)
    void settingsThatCannotWorkOnAClusterStopTheRenderWithTheReason(String sets, String reason) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String set : sets.split(",")) {
            String[] kv = set.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        assertThatThrownBy(() -> Charts.render("conference-platform", List.of(), values)).hasMessageContaining(reason);
    }

    // 2. Metrics and health on a port of their own

    @ParameterizedTest
    @MethodSource("variants")
    void theActuatorIsOnAManagementPortThatNoIngressOrRouteReaches(String variant) {
        Manifests m = Charts.umbrella(variant);
        Set<Integer> managementPorts = new HashSet<>();
        for (String service : Charts.SERVICES) {
            Container c = m.workload(service).pod().getContainers().getFirst();
            int http = port(c, "http");
            int management = port(c, "management");
            assertThat(management).as(service).isNotEqualTo(http);
            managementPorts.add(management);
            assertThat(m.environmentValue(c, "MANAGEMENT_SERVER_PORT")).as(service).contains(String.valueOf(management));
        }
        for (Ingress ingress : m.all(Ingress.class)) {
            for (var rule : ingress.getSpec().getRules()) {
                for (var path : rule.getHttp().getPaths()) {
                    var port = path.getBackend().getService().getPort();
                    assertThat(port.getName()).as("the Ingress routes to the site's port").isEqualTo("http");
                }
            }
        }
        for (HTTPRoute route : m.all(HTTPRoute.class)) {
            for (var rule : route.getSpec().getRules()) {
                for (var backend : rule.getBackendRefs()) {
                    assertThat(managementPorts).as("the HTTPRoute routes to the site's port").doesNotContain(backend.getPort());
                }
            }
        }
    }

    @Test
    void locallyEachServiceKeepsItsActuatorOnItsOwnServerPort() throws IOException {
        // With only SERVER_PORT set (local/run.sh, the platform tests), four services on one machine must not
        // fight over one management port: none of them fixes it in its own configuration.
        for (String service : Charts.SERVICES) {
            var file = Charts.root().resolve(service).resolve("src/main/resources/application.yaml");
            Map<String, Object> yaml = Serialization.unmarshal(Files.readString(file), Map.class);
            Object management = yaml.get("management");
            Object server = management instanceof Map<?, ?> map ? map.get("server") : null;
            assertThat(server).as("%s sets management.server.* in application.yaml", service).isNull();
        }
    }

    // 3. Memory

    @ParameterizedTest
    @MethodSource("variants")
    void everyServiceRequestsTheMemoryItIsLimitedToAndItsJvmPoolsFitThatLimit(String variant) {
        Manifests m = Charts.umbrella(variant);
        for (String service : Charts.SERVICES) {
            Container c = m.workload(service).pod().getContainers().getFirst();
            long limit = bytes(c.getResources().getLimits().get("memory"));
            assertThat(bytes(c.getResources().getRequests().get("memory"))).as("%s: memory request = limit", service).isEqualTo(limit);
            String options = m.environmentValue(c, "JAVA_TOOL_OPTIONS").orElse("");
            long heap = jvmSize(options, "-Xmx", service);
            long metaspace = jvmSize(options, "-XX:MaxMetaspaceSize=", service);
            assertThat(jvmSize(options, "-XX:MetaspaceSize=", service))
                    .as("%s: class metadata triggers no full collection before its limit", service).isEqualTo(metaspace);
            long codeCache = jvmSize(options, "-XX:ReservedCodeCacheSize=", service);
            long direct = jvmSize(options, "-XX:MaxDirectMemorySize=", service);
            jvmSize(options, "-Xss", service);
            long budget = heap + metaspace + codeCache + direct + Budgets.OTHER_NATIVE_MIB * MIB;
            assertThat(budget).as("%s in %s: heap %d + metaspace %d + code cache %d + direct %d + other native %d MiB fit the %d MiB limit",
                    service, variant, heap / MIB, metaspace / MIB, codeCache / MIB, direct / MIB, Budgets.OTHER_NATIVE_MIB, limit / MIB)
                    .isLessThanOrEqualTo(limit);
        }
    }

    // 4. Start-up

    @ParameterizedTest
    @MethodSource("variants")
    void theCpuRequestLetsAStartFinishWithinTheStartupBudget(String variant) {
        Manifests m = Charts.umbrella(variant);
        for (String service : Charts.SERVICES) {
            Container c = m.workload(service).pod().getContainers().getFirst();
            double request = cores(c.getResources().getRequests().get("cpu"));
            var startup = c.getStartupProbe();
            int budget = startup.getPeriodSeconds() * startup.getFailureThreshold();
            assertThat(request * budget)
                    .as("%s: a start needs %.0f CPU seconds; a %.2f-core request gives %.0f in the %d s budget on a busy node",
                            service, Budgets.START_CPU_SECONDS, request, request * budget, budget)
                    .isGreaterThanOrEqualTo(Budgets.START_CPU_SECONDS * 1.25);
        }
    }

    @Test
    void theServicesOffTheReadPathStartWithTheQuickCompilerOnlyAndAValueSwitchesItForAnyService() {
        Manifests m = Charts.umbrella("default");
        for (String service : Charts.SERVICES) {
            Container c = m.workload(service).pod().getContainers().getFirst();
            assertThat(m.environmentValue(c, "JAVA_TOOL_OPTIONS").orElse("").contains("-XX:TieredStopAtLevel=1"))
                    .as("%s: the JIT's quick compiler only", service)
                    .isEqualTo(service.equals("c4p-service") || service.equals("email-service"));
        }
        Manifests switched = Charts.umbrella(Map.of("c4p-service.jvm.quickCompilerOnly", "false",
                "agenda-service.jvm.quickCompilerOnly", "true"));
        assertThat(switched.environmentValue(switched.workload("c4p-service").pod().getContainers().getFirst(), "JAVA_TOOL_OPTIONS"))
                .get().asString().doesNotContain("TieredStopAtLevel");
        assertThat(switched.environmentValue(switched.workload("agenda-service").pod().getContainers().getFirst(), "JAVA_TOOL_OPTIONS"))
                .get().asString().contains("-XX:TieredStopAtLevel=1");
    }

    // 5. Pod templates

    @ParameterizedTest
    @MethodSource("variants")
    void noPodTemplateCarriesTheChartsVersionSoAChartBumpRestartsNothing(String variant) {
        for (Workload w : Charts.umbrella(variant).workloads()) {
            if (!w.longRunning() && !(w.owner() instanceof io.fabric8.kubernetes.api.model.batch.v1.CronJob)) {
                continue;
            }
            assertThat(w.podLabels()).as("%s pod labels", w).doesNotContainKeys("helm.sh/chart", "app.kubernetes.io/version");
            assertThat(w.podAnnotations().values()).as("%s pod annotations", w).noneMatch(v -> v.contains(Charts.projectVersion()));
        }
    }

    // 7. The autoscaler

    @Test
    void theAutoscalerTargetsAnAbsoluteCpuBetweenHalfAndAllOfTheLimit() {
        Manifests m = Charts.umbrella("ha");
        for (HorizontalPodAutoscaler hpa : m.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getMetrics().getFirst().getResource().getTarget();
            assertThat(target.getType()).isEqualTo("AverageValue");
            Deployment d = m.get(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
            double limit = cores(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getResources().getLimits().get("cpu"));
            assertThat(cores(target.getAverageValue())).as(hpa.getMetadata().getName()).isBetween(limit / 2, limit);
        }
        assertThatThrownBy(() -> Charts.render("conference-platform", List.of(),
                Map.of("c4p-service.autoscaling.enabled", "true", "c4p-service.autoscaling.targetCPU", "100m")))
                .hasMessageContaining("autoscaling.targetCPU 100m must lie between half of resources.limits.cpu");
    }

    // 8. Images

    @Test
    void theServiceImagesComeFromTheProjectsRegistryAndASnapshotIsPulledOnEveryStart() {
        Manifests defaults = Charts.umbrella("default");
        for (String service : Charts.SERVICES) {
            Container c = defaults.workload(service).pod().getContainers().getFirst();
            assertThat(c.getImage()).isEqualTo("ghcr.io/conference-platform/conference-platform/" + service + ":" + Charts.projectVersion());
            assertThat(c.getImagePullPolicy()).as("%s: a -SNAPSHOT tag is rebuilt under the same name", service).isEqualTo("Always");
        }
        Manifests pinned = Charts.umbrella(Map.of("global.imageTag", "0.1.0-SNAPSHOT-abc1234"));
        Manifests kind = Charts.umbrella(Map.of("global.imageRegistry", "docker.io", "global.imageTag", "0.1.0-SNAPSHOT-abc1234"));
        Manifests digest = Charts.umbrella(Map.of("c4p-service.image.digest", "sha256:" + "ab".repeat(32)));
        for (String service : Charts.SERVICES) {
            Container c = pinned.workload(service).pod().getContainers().getFirst();
            assertThat(c.getImage()).endsWith(service + ":0.1.0-SNAPSHOT-abc1234");
            assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
            assertThat(kind.workload(service).pod().getContainers().getFirst().getImage())
                    .isEqualTo("docker.io/conference-platform/" + service + ":0.1.0-SNAPSHOT-abc1234");
        }
        assertThat(kind.workload("postgresql").pod().getContainers().getFirst().getImage()).as("a mirror serves every image")
                .startsWith("docker.io/postgres:");
        Container pinnedByDigest = digest.workload("c4p-service").pod().getContainers().getFirst();
        assertThat(pinnedByDigest.getImage()).endsWith("c4p-service@sha256:" + "ab".repeat(32));
        assertThat(pinnedByDigest.getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    // 10. The smaller ones

    @ParameterizedTest
    @MethodSource("variants")
    void everySecretAServiceReadsIsNamedForReloaderSoItsPodsRollWhenItChanges(String variant) {
        Manifests m = Charts.umbrella(variant);
        for (String service : Charts.SERVICES) {
            Workload w = m.workload(service);
            Set<String> read = new TreeSet<>();
            for (Container c : w.allContainers()) {
                for (var env : c.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        read.add(env.getValueFrom().getSecretKeyRef().getName());
                    }
                }
            }
            Map<String, String> annotations = w.owner().getMetadata().getAnnotations() == null ? Map.of() : w.owner().getMetadata().getAnnotations();
            if (read.isEmpty()) {
                assertThat(annotations).as(service).doesNotContainKey("secret.reloader.stakater.com/reload");
            } else {
                assertThat(new TreeSet<>(List.of(annotations.getOrDefault("secret.reloader.stakater.com/reload", "").split(","))))
                        .as("%s in %s", service, variant).isEqualTo(read);
            }
        }
    }

    @Test
    void redisKeepsHalfItsMemoryForTheForkAndEvictsOnlyKeysThatExpire() {
        StatefulSet redis = Charts.umbrella("default").get(StatefulSet.class, Charts.RELEASE + "-redis");
        Container c = redis.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String script = String.join(" ", c.getCommand());
        Matcher maxMemory = Pattern.compile("--maxmemory (\\d+)mb").matcher(script);
        assertThat(maxMemory.find()).as(script).isTrue();
        long limit = bytes(c.getResources().getLimits().get("memory"));
        assertThat(Long.parseLong(maxMemory.group(1)) * MIB).isLessThanOrEqualTo(limit / 2);
        assertThat(script).contains("--maxmemory-policy volatile-lru");
        assertThat(bytes(c.getResources().getRequests().get("memory"))).isEqualTo(limit);
    }

    @ParameterizedTest
    @CsvSource({"1.29.4, false", "v1.30.0, true", "1.33.1, true"})
    void thePreStopPauseIsASleepActionFromKubernetes130AndTheImagesSleepCommandBefore(String kubeVersion, boolean sleepAction) {
        Manifests m = Charts.umbrella(Map.of("global.kubeVersion", kubeVersion));
        for (String service : Charts.SERVICES) {
            var preStop = m.workload(service).pod().getContainers().getFirst().getLifecycle().getPreStop();
            if (sleepAction) {
                assertThat(preStop.getSleep().getSeconds()).as(service).isEqualTo(10);
                assertThat(preStop.getExec()).isNull();
            } else {
                assertThat(preStop.getSleep()).as(service).isNull();
                assertThat(preStop.getExec().getCommand()).containsExactly("sleep", "10");
            }
        }
    }

    private static Map<String, Set<String>> ipEgress(Manifests m) {
        Map<String, Set<String>> egress = new HashMap<>();
        for (String service : Charts.SERVICES) {
            NetworkPolicy np = m.get(NetworkPolicy.class, Charts.RELEASE + "-" + service);
            Set<String> allowed = new TreeSet<>();
            for (var rule : np.getSpec().getEgress()) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    if (peer.getIpBlock() != null) {
                        rule.getPorts().forEach(p -> allowed.add(peer.getIpBlock().getCidr() + ":" + p.getPort().getIntVal()));
                    }
                }
            }
            egress.put(service, allowed);
        }
        return egress;
    }

    private static int port(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no port " + name)).getContainerPort();
    }

    /** A size from a JVM option such as -Xmx256m, in bytes. */
    static long jvmSize(String options, String option, String service) {
        Matcher matcher = Pattern.compile("(?:^|\\s)" + Pattern.quote(option) + "(\\d+)([kKmMgG])(?:\\s|$)").matcher(options);
        assertThat(matcher.find()).as("%s: JAVA_TOOL_OPTIONS sets %s: %s", service, option, options).isTrue();
        long amount = Long.parseLong(matcher.group(1));
        return switch (Character.toLowerCase(matcher.group(2).charAt(0))) {
            case 'k' -> amount * 1024;
            case 'm' -> amount * MIB;
            default -> amount * 1024 * MIB;
        };
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValueExact();
    }

    private static double cores(Quantity quantity) {
        BigDecimal amount = Quantity.getAmountInBytes(quantity);
        return amount.doubleValue();
    }
}

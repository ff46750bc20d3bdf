package dev.conference.platform;

import dev.conference.helm.Charts;
import dev.conference.helm.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the umbrella chart, with its defaults, gives a service's JVM: the options of its {@code JAVA_TOOL_OPTIONS}, its
 * memory limit and, with tracing on, the OpenTelemetry agent's {@code OTEL_*} settings. Read from the service's
 * rendered ConfigMap (its Secrets are made at install by a Job, not rendered), so that tests and benchmarks run a
 * service as its chart does, without a copy of the chart's settings.
 */
final class ChartedJvm {

    /** Rendered once each: without and with tracing. */
    private static final Map<Boolean, Manifests> RELEASES = new ConcurrentHashMap<>();

    private final Container container;
    private final Map<String, String> config;

    private ChartedJvm(String service, boolean traced) {
        Manifests release = RELEASES.computeIfAbsent(traced, on -> on
                ? Charts.umbrella(Map.of("global.otel.enabled", "true", "global.otel.endpoint", "http://collector.invalid:4318",
                        "global.networkPolicy.enabled", "false"))
                : Charts.umbrella("default"));
        container = release.workload(service).pod().getContainers().getFirst();
        config = container.getEnvFrom().stream().filter(from -> from.getConfigMapRef() != null)
                .map(from -> from.getConfigMapRef().getName())
                .flatMap(name -> release.all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name)))
                .map(ConfigMap::getData).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException("the chart gives " + service + " no ConfigMap"));
    }

    static ChartedJvm of(String service) {
        return new ChartedJvm(service, false);
    }

    /** With the agent on, as {@code global.otel.enabled} runs it. */
    static ChartedJvm traced(String service) {
        return new ChartedJvm(service, true);
    }

    /** The options of {@code JAVA_TOOL_OPTIONS}, with {@code agent} loaded in place of the image's, if the chart loads one. */
    List<String> javaToolOptions(Path agent) {
        String options = config.get("JAVA_TOOL_OPTIONS");
        if (options == null || options.isBlank()) {
            throw new IllegalStateException("the chart sets no JAVA_TOOL_OPTIONS for " + container.getName());
        }
        List<String> list = new ArrayList<>();
        for (String option : options.strip().split("\\s+")) {
            list.add(agent != null && option.startsWith("-javaagent:") ? "-javaagent:" + agent.toAbsolutePath() : option);
        }
        return list;
    }

    long memoryLimitBytes() {
        return Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValueExact();
    }

    /** The agent's {@code OTEL_*} settings as the system properties it reads as well ({@code OTEL_A_B} is {@code otel.a.b}). */
    List<String> agentProperties() {
        return config.entrySet().stream().filter(e -> e.getKey().startsWith("OTEL_"))
                .map(e -> "-D" + e.getKey().toLowerCase(Locale.ROOT).replace('_', '.') + "=" + e.getValue())
                .toList();
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * conference-lib's hooks (templates/_hooks.tpl) are a contract: a service chart names in its Chart.yaml the
 * templates that answer them, and a hook that is not named, or renders the wrong shape, stops the render with a
 * message naming the chart, the hook and the template. Checked with a tiny chart whose hooks render what its
 * values say (src/test/resources/hook-contract), on agenda-service's values.
 */
class HookContractTest {

    private static final String CHART = "hook-contract";
    private static final Path WORK = Path.of(System.getProperty("chart.work", "target/chart-work")).toAbsolutePath().getParent()
            .resolve("hook-contract");

    @Test
    void hooksThatKeepTheContractRenderIntoTheLibrarysObjects() {
        Manifests m = Manifests.parse(render(chart("complete", c -> c), Map.of()));

        assertThat(m.get(ConfigMap.class, Charts.RELEASE + "-" + CHART).getData()).containsEntry("CONTRACT_ANSWER", "42");
        assertThat(m.workloads()).singleElement().satisfies(w -> {
            assertThat(w.pod().getContainers().getFirst().getEnv()).anyMatch(e -> e.getName().equals("CONTRACT_PASSWORD"));
            assertThat(w.owner().getMetadata().getAnnotations()).containsEntry("secret.reloader.stakater.com/reload", "contract-secret");
        });
        assertThat(m.get(NetworkPolicy.class, Charts.RELEASE + "-" + CHART).getSpec().getEgress())
                .anyMatch(rule -> rule.getTo().stream().anyMatch(to -> to.getIpBlock() != null
                        && "192.0.2.0/24".equals(to.getIpBlock().getCidr())));
    }

    @Test
    void aHookTheChartDoesNotNameStopsTheRender() {
        Path chart = chart("without-store-egress", c -> c.replace("  conference-lib/storeEgress: hook-contract.storeEgress\n", ""));

        assertThatThrownBy(() -> render(chart, Map.of()))
                .hasMessageContaining("hook-contract: Chart.yaml names no template for conference-lib's hook storeEgress: add the "
                        + "annotation \"conference-lib/storeEgress: hook-contract.storeEgress\"");
    }

    @Test
    void aConfigHookThatIsNotAMapStopsTheRender() {
        assertThatThrownBy(() -> render(chart("complete", c -> c), Map.of("config", "- contract.answer: 42\n")))
                .hasMessageContaining("hook-contract: the template hook-contract.config, conference-lib's hook config, "
                        + "must render a YAML map of Spring property names to values");
    }

    @Test
    void aConfigHookWithNestedPropertiesStopsTheRender() {
        assertThatThrownBy(() -> render(chart("complete", c -> c), Map.of("config", "contract:\n  answer: 42\n")))
                .hasMessageContaining("hook-contract: the template hook-contract.config, conference-lib's hook config, "
                        + "must name each property in full (a.b.c: value), not nest maps: contract is a map");
    }

    @Test
    void aSecretEnvHookWithAPlainValueStopsTheRender() {
        assertThatThrownBy(() -> render(chart("complete", c -> c), Map.of("secretEnv", "- name: CONTRACT_PASSWORD\n  value: plain\n")))
                .hasMessageContaining("hook-contract: the template hook-contract.secretEnv, conference-lib's hook secretEnv, "
                        + "must render env entries with a name and a valueFrom.secretKeyRef: entry 1 lacks them");
    }

    @Test
    void aStoreEgressHookThatIsNotAListStopsTheRender() {
        assertThatThrownBy(() -> render(chart("complete", c -> c), Map.of("storeEgress", "to:\n  - ipBlock: {cidr: 192.0.2.0/24}\n")))
                .hasMessageContaining("hook-contract: the template hook-contract.storeEgress, conference-lib's hook storeEgress, "
                        + "must render a YAML list of NetworkPolicy egress rules");
    }

    /** Renders the chart on agenda-service's values, each given hook rendering the given text. */
    private static String render(Path chart, Map<String, String> hooks) {
        var template = new Helm(chart).template().withName(Charts.RELEASE).withNamespace(Charts.NAMESPACE)
                .withValuesFile(Charts.source("agenda-service").resolve(ServiceValues.VALUES));
        if (!hooks.isEmpty()) {
            Path values = chart.resolveSibling(chart.getFileName() + "-hooks.yaml");
            write(values, Serialization.asYaml(Map.of("hooks", hooks)));
            template = template.withValuesFile(values);
        }
        return template.call();
    }

    /** A copy of the chart, its Chart.yaml edited and its dependency on the library's working copy built. */
    private static Path chart(String name, java.util.function.UnaryOperator<String> chartYaml) {
        Path source = Charts.root().resolve("helm/src/test/resources").resolve(CHART);
        Path copy = WORK.resolve(name);
        try {
            Files.createDirectories(copy);
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path dest = copy.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(path, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            String library = "file://" + Charts.chart("conference-lib");
            write(copy.resolve("Chart.yaml"), chartYaml.apply(Files.readString(copy.resolve("Chart.yaml"))
                    .replace("file://../conference-lib", library)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new Helm(copy).dependency().update().skipRefresh().call();
        return copy;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conference.helm.Manifests.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An upgrade restarts pods only when something they use has changed. Rendered with the same values, two
 * versions of the charts may differ in a pod template only where the pods' spec differs, or where the checksum
 * of the ConfigMap they read differs because that ConfigMap's data does. A chart version bump alone changes
 * no pod template at all.
 */
class PodRestartTest {

    private static final Pattern CHART_VERSION = Pattern.compile("(?m)^(\\s*)version: (\\d+)\\.(\\d+)\\.(\\d+)\\s*$");
    private static final Path WORK = Path.of(System.getProperty("chart.work", "target/chart-work")).toAbsolutePath().getParent();

    /** Old charts generated Secrets with lookup, which would ask a cluster; answered here with "none yet". */
    private static final String LOOKUP_STAND_IN = """
            {{- define "conference-lib.existingSecretData" -}}
            {}
            {{- end -}}
            """;

    @Test
    void aChartVersionBumpAloneChangesNoPodTemplate() {
        Path bumped = Charts.copyOf(Charts.root(), WORK.resolve("chart-bumped"), PodRestartTest::bumpPatchVersions);
        Manifests before = Charts.umbrella("default");
        Manifests after = Manifests.parse(Charts.renderUmbrellaAt(bumped, List.of(), Map.of()));

        assertThat(after.resources()).as("the bump shows in the objects' labels")
                .anyMatch(r -> Objects.toString(r.getMetadata().getLabels().get("helm.sh/chart")).endsWith("-0.1.1"));
        Map<String, String> templatesBefore = podTemplates(before);
        assertThat(podTemplates(after)).isEqualTo(templatesBefore);
        assertThat(templatesBefore).isNotEmpty();
    }

    @Test
    void fromThePreviousCommitPodTemplatesChangeOnlyWithWhatThePodsUse() throws Exception {
        String baseline = System.getProperty("chart.baseline", "HEAD~1");
        boolean ci = "true".equals(System.getenv("CI"));
        boolean found = git("rev-parse", "--verify", "--quiet", baseline + "^{commit}").exitCode == 0;
        if (ci) {
            assertThat(found).as("CI checks the upgrade from %s: clone with history (git fetch --deepen=1)", baseline).isTrue();
        }
        assumeTrue(found, "no git history with " + baseline + " here");

        Path sources = WORK.resolve("chart-baseline-sources");
        deleteRecursively(sources);
        Files.createDirectories(sources);
        List<String> paths = new ArrayList<>(List.of("helm/conference-lib", "helm/conference-platform"));
        Charts.SERVICES.forEach(s -> paths.add(s + "/chart"));
        Path archive = sources.resolve("charts.tar");
        List<String> archiveCommand = new ArrayList<>(List.of("archive", "--output", archive.toString(), baseline));
        archiveCommand.addAll(paths);
        assertThat(git(archiveCommand.toArray(String[]::new)).exitCode).as("git archive %s", baseline).isZero();
        run(sources, "tar", "-xf", archive.toString());
        for (String chart : Charts.allCharts()) {
            if (!chart.equals("conference-lib")) {
                Files.writeString(sources.resolve(Charts.root().relativize(Charts.source(chart))).resolve("templates/_zz_lookup_stand_in.tpl"),
                        LOOKUP_STAND_IN);
            }
        }
        Path previous = Charts.copyOf(sources, WORK.resolve("chart-baseline"), UnaryOperator.identity());

        Manifests before = Manifests.parse(Charts.renderUmbrellaAt(previous, List.of(), Map.of()));
        Manifests after = Charts.umbrella("default");
        List<String> restartsWithoutCause = new ArrayList<>();
        Map<String, Workload> old = byKindAndName(before);
        for (Map.Entry<String, Workload> entry : byKindAndName(after).entrySet()) {
            Workload was = old.get(entry.getKey());
            Workload now = entry.getValue();
            if (was == null || json(was.pod()).equals(json(now.pod())) && was.podLabels().equals(now.podLabels())
                    && was.podAnnotations().equals(now.podAnnotations())) {
                continue;
            }
            if (!json(was.pod()).equals(json(now.pod()))) {
                continue; // the pods' spec changed: a restart is what it takes
            }
            if (!was.podLabels().equals(now.podLabels())) {
                restartsWithoutCause.add(entry.getKey() + ": pod labels " + was.podLabels() + " -> " + now.podLabels());
            }
            Map<String, String> annotationsBefore = new TreeMap<>(was.podAnnotations());
            Map<String, String> annotationsAfter = new TreeMap<>(now.podAnnotations());
            String checksumBefore = annotationsBefore.remove("checksum/config");
            String checksumAfter = annotationsAfter.remove("checksum/config");
            if (!annotationsBefore.equals(annotationsAfter)) {
                restartsWithoutCause.add(entry.getKey() + ": pod annotations " + annotationsBefore + " -> " + annotationsAfter);
            }
            if (!Objects.equals(checksumBefore, checksumAfter)
                    && configMapData(before, was).equals(configMapData(after, now))) {
                restartsWithoutCause.add(entry.getKey() + ": checksum/config changed, the ConfigMap's data did not");
            }
        }
        assertThat(restartsWithoutCause).as("pod templates that change from %s although nothing the pods use did", baseline).isEmpty();
    }

    private static String bumpPatchVersions(String chartYaml) {
        return CHART_VERSION.matcher(chartYaml).replaceAll(m -> m.group(1) + "version: " + m.group(2) + "." + m.group(3) + "."
                + (Integer.parseInt(m.group(4)) + 1));
    }

    /** Each long-running workload's pod template (labels, annotations, spec) as JSON, by kind and name. */
    private static Map<String, String> podTemplates(Manifests m) {
        Map<String, String> templates = new TreeMap<>();
        byKindAndName(m).forEach((key, w) -> templates.put(key,
                json(Map.of("labels", new TreeMap<>(w.podLabels()), "annotations", new TreeMap<>(w.podAnnotations()), "spec", w.pod()))));
        return templates;
    }

    private static Map<String, Workload> byKindAndName(Manifests m) {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        m.workloads().stream().filter(Workload::longRunning).forEach(w -> workloads.put(w.kind() + "/" + w.name(), w));
        return workloads;
    }

    private static Map<String, Map<String, String>> configMapData(Manifests m, Workload w) {
        Map<String, Map<String, String>> data = new TreeMap<>();
        for (var container : w.allContainers()) {
            for (var from : container.getEnvFrom() == null ? List.<io.fabric8.kubernetes.api.model.EnvFromSource>of() : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    String name = from.getConfigMapRef().getName();
                    data.put(name, new TreeMap<>(m.get(ConfigMap.class, name).getData()));
                }
            }
        }
        return data;
    }

    private static String json(Object value) {
        return Serialization.asJson(value);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", Charts.root().toString()));
        command.addAll(List.of(args));
        return run(Charts.root(), command.toArray(String[]::new));
    }

    private static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

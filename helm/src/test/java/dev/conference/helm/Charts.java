package dev.conference.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The platform's charts, rendered by real Helm (helm-java) from a working copy under target/.
 *
 * <p>The working copy differs from the sources in one way, only so that a render without a cluster shows
 * everything an install would create: the {@code helm.sh/hook} annotations become
 * {@code conference-platform.dev/helm-hook} (and {@code -weight}, {@code -delete-policy}), because Helm leaves
 * hooks out of the rendered manifest. The tests check the hook objects (the helm test pods, the secrets Job)
 * like any other, and {@link ChartFilesTest} checks that the sources do declare them as hooks.
 */
public final class Charts {

    public static final List<String> SERVICES = List.of("frontend-service", "c4p-service", "agenda-service", "email-service");
    public static final String RELEASE = "conference";
    public static final String NAMESPACE = "conference";
    public static final String HOOK_MARKER = "conference-platform.dev/helm-hook";
    /** The variant of deploy/production-values.yaml, as the Argo CD Application in deploy/argocd/ installs it. */
    static final String PRODUCTION = "production";
    static final String ARGO_CD_APPLICATION = "deploy/argocd/conference-platform.yaml";

    private static Path work;
    private static final Map<String, String> RENDERS = new ConcurrentHashMap<>();

    private Charts() {
    }

    public static Path root() {
        return Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
    }

    static String projectVersion() {
        String version = System.getProperty("platform.version");
        if (version == null) {
            throw new IllegalStateException("run through Maven: platform.version is set by the surefire configuration");
        }
        return version;
    }

    /** The source directory of a chart: "conference-platform", "conference-lib" or a service name. */
    static Path source(String chart) {
        return switch (chart) {
            case "conference-platform", "conference-lib" -> root().resolve("helm").resolve(chart);
            default -> root().resolve(chart).resolve("chart");
        };
    }

    /** The working copy of a chart, dependencies built. */
    static synchronized Path chart(String chart) {
        if (work == null) {
            work = prepare();
        }
        Path relative = root().relativize(source(chart));
        return work.resolve(relative);
    }

    static List<String> allCharts() {
        List<String> charts = new ArrayList<>();
        charts.add("conference-lib");
        charts.addAll(SERVICES);
        charts.add("conference-platform");
        return charts;
    }

    static LintResult lint(String chart) {
        return new Helm(chart(chart)).lint().strict().call();
    }

    /** Renders a chart with values files (relative to the chart's working copy or absolute) and --set pairs. */
    public static String render(String chart, List<Path> valuesFiles, Map<String, String> sets) {
        String key = chart + valuesFiles + sets;
        String cached = RENDERS.get(key);
        if (cached != null) {
            return cached;
        }
        Path dir = chart(chart);
        var template = new Helm(dir).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(dir.resolve(values));
        }
        for (var set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        String rendered = template.call();
        RENDERS.put(key, rendered);
        return rendered;
    }

    /** The umbrella's NOTES.txt with these --set pairs, as "helm install" prints it (a client-only dry run). */
    static String notes(Map<String, String> sets) {
        var install = new Helm(chart("conference-platform")).install().withName(RELEASE).withNamespace(NAMESPACE)
                .clientOnly().dryRun();
        for (var set : sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        String output = install.call().getOutput();
        int notes = output.indexOf("NOTES:");
        if (notes < 0) {
            throw new AssertionError("no NOTES in the install's output:\n" + output);
        }
        return output.substring(notes);
    }

    /** Renders again, past the cache: for checking that two renders agree. */
    static String renderAgain(String chart, List<Path> valuesFiles, Map<String, String> sets) {
        RENDERS.remove(chart + valuesFiles + sets);
        return render(chart, valuesFiles, sets);
    }

    public static Manifests umbrella(String variant) {
        return Manifests.parse(umbrellaYaml(variant));
    }

    /**
     * The values files of a variant: none for "default", deploy/production-values.yaml (with what the Argo CD
     * Application adds) for "production", else ci/&lt;variant&gt;-values.yaml.
     */
    static List<Path> valuesOf(String variant) {
        return switch (variant) {
            case "default" -> List.of();
            case PRODUCTION -> argoCdValues();
            default -> List.of(Path.of("ci", variant + "-values.yaml"));
        };
    }

    /**
     * The values the Argo CD Application renders the umbrella with: its helm.valueFiles (relative to its source
     * path), then its helm.valuesObject, written to a file.
     */
    @SuppressWarnings("unchecked")
    static synchronized List<Path> argoCdValues() {
        try {
            Map<String, Object> application = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    Files.readString(root().resolve(ARGO_CD_APPLICATION)), Map.class);
            Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) application.get("spec")).get("source");
            Map<String, Object> helm = (Map<String, Object>) source.get("helm");
            List<Path> values = new ArrayList<>();
            for (String file : (List<String>) helm.getOrDefault("valueFiles", List.of())) {
                values.add(root().resolve((String) source.get("path")).resolve(file).normalize());
            }
            if (helm.get("valuesObject") != null) {
                Path inline = Path.of(System.getProperty("chart.work", "target/chart-work")).toAbsolutePath().getParent()
                        .resolve("argocd-values-object.yaml");
                Files.writeString(inline, io.fabric8.kubernetes.client.utils.Serialization.asYaml(helm.get("valuesObject")));
                values.add(inline);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The umbrella as Helm prints it, with a variant's values (see {@link #variants()}). */
    public static String umbrellaYaml(String variant) {
        List<Path> values = valuesOf(variant);
        return render("conference-platform", values, Map.of());
    }

    public static Manifests umbrella(Map<String, String> sets) {
        return Manifests.parse(render("conference-platform", List.of(), sets));
    }

    /** The umbrella's variants: its defaults, the real cluster's values in deploy/, and every ci/*-values.yaml. */
    static List<String> variants() {
        List<String> variants = new ArrayList<>();
        variants.add("default");
        variants.add(PRODUCTION);
        try (Stream<Path> files = Files.list(source("conference-platform").resolve("ci"))) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith("-values.yaml"))
                    .map(f -> f.substring(0, f.length() - "-values.yaml".length()))
                    .sorted()
                    .forEach(variants::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variants;
    }

    private static Path prepare() {
        return copyOf(root(), Path.of(System.getProperty("chart.work", "target/chart-work")).toAbsolutePath(), UnaryOperator.identity());
    }

    /**
     * A working copy of the charts found under {@code sourceRoot} (this checkout, or an earlier commit's files),
     * dependencies built, each Chart.yaml passed through {@code chartYaml}. Returns the copy's root.
     */
    static Path copyOf(Path sourceRoot, Path target, UnaryOperator<String> chartYaml) {
        try {
            deleteRecursively(target);
            for (String chart : allCharts()) {
                Path relative = root().relativize(source(chart));
                Path to = target.resolve(relative);
                copy(sourceRoot.resolve(relative), to);
                markHooks(to.resolve("templates"));
                Path chartFile = to.resolve("Chart.yaml");
                Files.writeString(chartFile, chartYaml.apply(Files.readString(chartFile)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Dependencies from the bottom up: each service chart packs the library, the umbrella packs them all.
        for (String service : SERVICES) {
            new Helm(target.resolve(root().relativize(source(service)))).dependency().update().skipRefresh().call();
        }
        new Helm(target.resolve(root().relativize(source("conference-platform")))).dependency().update().skipRefresh().call();
        return target;
    }

    /** Renders the umbrella chart of a working copy made by {@link #copyOf}. */
    static String renderUmbrellaAt(Path copy, List<Path> valuesFiles, Map<String, String> sets) {
        Path dir = copy.resolve(root().relativize(source("conference-platform")));
        var template = new Helm(dir).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(dir.resolve(values));
        }
        for (var set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    static void markHooks(Path templates) throws IOException {
        if (!Files.isDirectory(templates)) {
            return;
        }
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, Files.readString(file).replace("helm.sh/hook", HOOK_MARKER));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path relative = from.relativize(path);
                if (relative.startsWith("charts") || relative.toString().equals("Chart.lock")) {
                    continue; // packed dependencies are rebuilt from the sources below
                }
                Path dest = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(path, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}

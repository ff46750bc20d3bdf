package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each chart and image carries what an operator expects, and the images match what the charts assume. */
class ChartFilesTest {

    static List<String> applicationCharts() {
        List<String> charts = new java.util.ArrayList<>(Charts.SERVICES);
        charts.add("conference-platform");
        return charts;
    }

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("applicationCharts")
    void everyChartHasASchemaNotesAHelmTestAndTheProjectsVersion(String chart) throws IOException {
        Path dir = Charts.source(chart);
        assertThat(dir.resolve("values.schema.json")).isRegularFile();
        assertThat(dir.resolve("templates/NOTES.txt")).isRegularFile();
        try (Stream<Path> tests = Files.list(dir.resolve("templates/tests"))) {
            List<Path> files = tests.toList();
            assertThat(files).as("%s templates/tests", chart).isNotEmpty();
            for (Path test : files) {
                String text = Files.readString(test);
                if (!text.contains("conference-lib.testConnection")) {
                    assertThat(text).as(test.toString()).contains("helm.sh/hook: test");
                }
            }
        }
        Map<?, ?> meta = Serialization.unmarshal(Files.readString(dir.resolve("Chart.yaml")), Map.class);
        assertThat(meta.get("appVersion")).as("%s appVersion is the Maven project version", chart).isEqualTo(Charts.projectVersion());
        assertThat(meta.get("apiVersion")).isEqualTo("v2");
        assertThat(dir.resolve("charts")).as("%s: packed dependencies are built, never committed", chart)
                .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readString(dir.resolve(".gitignore"))).contains("charts/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conference-lib"})
    void theLibraryTestConnectionDeclaresAHelmTestHook(String chart) throws IOException {
        assertThat(Files.readString(Charts.source(chart).resolve("templates/_test.tpl"))).contains("helm.sh/hook: test");
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceImageIsMultiStageLayeredNonRootAndCarriesTheAgentTheChartLoads(String service) throws IOException {
        Path dir = Charts.root().resolve(service);
        String dockerfile = Files.readString(dir.resolve("Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        int stages = 0;
        while (from.find()) {
            stages++;
            assertThat(from.group(1)).as("%s FROM", service).isEqualTo("${JRE_IMAGE}");
        }
        assertThat(stages).as("%s stages", service).isGreaterThanOrEqualTo(2);
        Matcher base = Pattern.compile("(?m)^ARG JRE_IMAGE=(\\S+)$").matcher(dockerfile);
        assertThat(base.find()).isTrue();
        assertThat(base.group(1)).as("%s base image", service).matches("eclipse-temurin:25\\.\\d+\\.\\d+_\\d+-jre-[a-z]+")
                .doesNotContain("latest");
        assertThat(dockerfile).as(service)
                .contains("-Djarmode=tools", "extract --layers",
                        "COPY target/opentelemetry-javaagent.jar " + Dockerfiles.OTEL_AGENT_PATH,
                        "USER " + Dockerfiles.USER_ID + ":" + Dockerfiles.USER_ID, "-XX:MaxRAMPercentage",
                        "COPY target/" + service + "-*.jar")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\"")
                .doesNotContain("javaagent:" + Dockerfiles.OTEL_AGENT_PATH + "\"]");
        // The AOT cache serves only a start with the modules it was made with: the training run and the entrypoint
        // set the same ones, and both add java.instrument, the agent's, so that the cache serves the start with the
        // agent as well as without it.
        Matcher training = Pattern.compile("(?ms)^RUN java -XX:AOTCacheOutput=/app/app\\.aot (.*?) -jar /app/app\\.jar").matcher(dockerfile);
        Matcher entrypoint = Pattern.compile("(?ms)^ENTRYPOINT \\[\"java\", \"-XX:AOTCache=/app/app\\.aot\", (.*?)\\]").matcher(dockerfile);
        assertThat(training.find()).as("%s makes an AOT cache", service).isTrue();
        assertThat(entrypoint.find()).as("%s starts from the AOT cache", service).isTrue();
        assertThat(moduleOptions(entrypoint.group(1))).as("%s: the modules at start", service)
                .contains("--add-modules=java.instrument")
                .isEqualTo(moduleOptions(training.group(1)));
        // Builds alike with Docker with or without BuildKit, podman and buildah, and reads nothing from the network.
        assertThat(dockerfile).as(service)
                .doesNotContainPattern("(?m)^#\\s*syntax=")
                .doesNotContain("--checksum", "--chmod", "--link", "--mount=", "http://", "https://")
                .doesNotContainPattern("(?m)^ADD\\s")
                .doesNotContainPattern("\\b(curl|wget)\\b");
        assertThat(Files.readString(dir.resolve(".dockerignore"))).contains("!target/*.jar", "target/*-stubs.jar");

        Map<?, ?> values = Serialization.unmarshal(Files.readString(Charts.source(service).resolve("values.yaml")), Map.class);
        assertThat(((Map<?, ?>) values.get("otel")).get("agentPath")).isEqualTo(Dockerfiles.OTEL_AGENT_PATH);
        assertThat(((Map<?, ?>) values.get("securityContext")).get("runAsUser")).isEqualTo((int) Dockerfiles.USER_ID);
        assertThat(((Map<?, ?>) values.get("image")).get("repository")).isEqualTo("conference-platform/" + service);
    }

    private static Set<String> moduleOptions(String options) {
        return Pattern.compile("--(add-modules|enable-native-access|add-opens|add-exports|add-reads|limit-modules)=[^\\s\",]+")
                .matcher(options).results().map(MatchResult::group).collect(Collectors.toSet());
    }
}

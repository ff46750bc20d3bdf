package dev.conference.platform.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four images as built here by kind/build-images.sh on a JRE 25 made from Debian's packages, without a registry. */
class ServiceImagesTest {

    private static Images images;

    @BeforeAll
    static void buildImages() {
        images = Images.get();
    }

    @Test
    void baseImageIsARealJre25() {
        String version = Podman.run("run", "--rm", images.jreImage, "java", "-version").orFail().err();

        assertThat(version).contains("version \"25.");
        assertThat(Podman.check("run", "--rm", "--entrypoint", "sh", images.jreImage, "-c", "echo $JAVA_HOME; ls /opt/java/openjdk/bin/java"))
                .contains("/opt/java/openjdk");
    }

    @Test
    void eachImageRunsJava25AsTheUnprivilegedUserTheChartsExpect() {
        for (String image : images.services.values()) {
            assertThat(Podman.check("image", "inspect", "--format", "{{.Config.User}}", image)).as(image).isEqualTo("10001:10001");
            assertThat(Podman.check("run", "--rm", "--entrypoint", "id", image)).as(image)
                    .startsWith("uid=10001(app) gid=10001(app)");
            assertThat(Podman.run("run", "--rm", "--entrypoint", "java", image, "-version").orFail().err()).as(image)
                    .contains("version \"25.");
        }
    }

    @Test
    void eachImageCarriesTheAgentThatMavenChecked() {
        String pinned = System.getProperty("opentelemetry-javaagent.sha256");
        assertThat(pinned).as("set by the build from the parent pom").matches("[0-9a-f]{64}");
        for (String image : images.services.values()) {
            String listing = Podman.check("run", "--rm", "--entrypoint", "sh", image, "-c",
                    "sha256sum /opt/opentelemetry/opentelemetry-javaagent.jar; stat -c '%U %a' /opt/opentelemetry/opentelemetry-javaagent.jar");

            assertThat(listing).as(image).startsWith(pinned + "  /opt/opentelemetry/opentelemetry-javaagent.jar")
                    .endsWith("root 644");
        }
    }

    @Test
    void eachImageKeepsItsOwnCodeInASmallTopLayerAboveTheDependenciesAndTheAgent() {
        for (String image : images.services.values()) {
            // Newest first. The Dockerfile copies the agent, then the four layer directories of the jar into
            // the working directory: dependencies, spring-boot-loader, snapshot-dependencies, application;
            // then the training run adds the AOT cache, which changes with the code.
            List<Map<String, Object>> layers = JsonPath.read(Podman.check("history", "--no-trunc", "--format", "json", image), "$");
            List<Map<String, Object>> jarLayers = layers.stream()
                    .filter(l -> String.valueOf(l.get("CreatedBy")).matches(".*COPY dir:\\S+ in \\./\\s*")).toList();
            int agent = indexOf(layers, "opentelemetry-javaagent.jar");
            int archive = indexOf(layers, "-XX:AOTCacheOutput=/app/app.aot");

            assertThat(jarLayers).as(image).hasSize(4);
            assertThat(archive).as("%s: the cache is made after the code is in place", image)
                    .isBetween(0, layers.indexOf(jarLayers.getFirst()) - 1);
            List<Map<String, Object>> aboveTheCode = new ArrayList<>(layers.subList(0, layers.indexOf(jarLayers.getFirst())));
            aboveTheCode.remove(archive);
            assertThat(aboveTheCode).as("%s: only metadata and the cache above the code", image)
                    .allSatisfy(l -> assertThat(size(l)).isZero());
            assertThat(size(jarLayers.getFirst())).as("%s application layer", image).isLessThan(2_000_000L);
            assertThat(size(jarLayers.getLast())).as("%s dependencies layer", image).isGreaterThan(20_000_000L);
            assertThat(agent).as("%s: the agent is below the jar's layers", image).isGreaterThan(layers.indexOf(jarLayers.getLast()));
        }
    }

    @Test
    void eachImageStartsFromTheAotCacheItsBuildMadeOnAReadOnlyRootWithAndWithoutTheAgent() {
        for (String image : images.services.values()) {
            assertThat(Podman.check("run", "--rm", "--entrypoint", "stat", image, "-c", "%U %a", "/app/app.aot")).as(image)
                    .isEqualTo("root 444");
            // -XX:AOTMode=on: the JVM refuses to start when it cannot use the cache. The context stops at its
            // refresh, before anything would connect to a store.
            String untraced = Podman.run("run", "--rm", "--read-only", "--env",
                    "JAVA_TOOL_OPTIONS=-XX:AOTMode=on -Xlog:class+load=info -Dspring.context.exit=onRefresh -Dspring.profiles.active=training",
                    image).orFail().out();
            // With the agent as the charts switch it on: it brings java.instrument and appends to the boot
            // class path, and the cache, made with that module, still serves the service's classes.
            String traced = Podman.run("run", "--rm", "--read-only", "--env", "JAVA_TOOL_OPTIONS=-javaagent:"
                            + "/opt/opentelemetry/opentelemetry-javaagent.jar -XX:-PrintWarnings -XX:AOTMode=on -Xlog:class+load=info"
                            + " -Dspring.context.exit=onRefresh -Dspring.profiles.active=training",
                    "--env", "OTEL_TRACES_EXPORTER=none", "--env", "OTEL_METRICS_EXPORTER=none", "--env", "OTEL_LOGS_EXPORTER=none",
                    image).orFail().out();

            assertThat(untraced).as(image).containsPattern("dev\\.conference\\.\\S+ source: shared objects file");
            assertThat(traced).as("%s with the agent", image)
                    .containsPattern("dev\\.conference\\.\\S+ source: shared objects file")
                    .contains("io.opentelemetry.javaagent");
        }
    }

    @Test
    void theAgentStillTracesAServiceThatStartedFromTheCache() throws Exception {
        // The cache links the service's classes before the agent's premain runs; the agent must still instrument
        // them. email-service needs no store to start; its spans go to its log.
        String name = "conference-traced-from-cache-" + ProcessHandle.current().pid();
        Podman.check("run", "--detach", "--name", name, "--read-only", "--tmpfs", "/tmp", "--publish", "127.0.0.1::8080",
                "--env", "JAVA_TOOL_OPTIONS=-javaagent:/opt/opentelemetry/opentelemetry-javaagent.jar -XX:-PrintWarnings",
                "--env", "OTEL_TRACES_EXPORTER=logging", "--env", "OTEL_METRICS_EXPORTER=none", "--env", "OTEL_LOGS_EXPORTER=none",
                images.services.get("email-service"));
        try {
            URI health = URI.create("http://127.0.0.1:" + Podman.hostPort(name, 8080) + "/actuator/health");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            Integer status = null;
            while (status == null && Instant.now().isBefore(deadline)) {
                try {
                    status = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            assertThat(status).as("email-service answered %s", health).isNotNull();
            Instant logged = Instant.now().plus(Duration.ofSeconds(30));
            String logs = "";
            while (!logs.contains("'GET /actuator/health'") && Instant.now().isBefore(logged)) {
                Thread.sleep(500);
                Podman.Result read = Podman.run("logs", name).orFail();
                logs = read.out() + read.err();
            }

            assertThat(logs).as("a server span with the route Spring MVC's instrumentation names")
                    .containsPattern("'GET /actuator/health' : [0-9a-f]{32} [0-9a-f]{16} SERVER");
        } finally {
            Podman.run("rm", "--force", name);
        }
    }

    @Test
    void imageSizesAreRecorded() {
        long base = Long.parseLong(Podman.check("image", "inspect", "--format", "{{.Size}}", images.jreImage));
        ContainerReport.line("JRE 25 base image (Debian 13, debootstrap): %.0f MB", base / 1e6);
        for (var entry : images.services.entrySet()) {
            long size = Long.parseLong(Podman.check("image", "inspect", "--format", "{{.Size}}", entry.getValue()));
            ContainerReport.line("%s image: %.0f MB (%.0f MB above the base)", entry.getKey(), size / 1e6, (size - base) / 1e6);

            assertThat(size - base).as("%s adds its jar layers, the agent and the AOT cache, nothing else", entry.getKey())
                    .isBetween(60_000_000L, 250_000_000L);
        }
    }

    private static int indexOf(List<Map<String, Object>> layers, String marker) {
        for (int i = 0; i < layers.size(); i++) {
            if (String.valueOf(layers.get(i).get("CreatedBy")).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static long size(Map<String, Object> layer) {
        return ((Number) layer.get("size")).longValue();
    }
}

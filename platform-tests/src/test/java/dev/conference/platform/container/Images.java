package dev.conference.platform.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The images under test, made once per test JVM: the base images from Debian's packages
 * ({@code containers/base-images.sh}: no registry is needed) and the four service images, built by the
 * operator's own script ({@code kind/build-images.sh}) with podman from the jars Maven just made.
 *
 * <p>Without podman (or without root, which debootstrap needs) the container tests fail when CI is set
 * and are skipped, saying why, elsewhere.
 */
final class Images {

    static final List<String> SERVICES = dev.conference.helm.Charts.SERVICES;

    private static Images instance;
    private static RuntimeException failure;

    final String jreImage;
    final String storesImage;
    /** Service name to the image the chart names (conference-platform/&lt;service&gt;:&lt;version&gt;). */
    final Map<String, String> services = new LinkedHashMap<>();

    private Images() {
        Map<String, String> base = new LinkedHashMap<>();
        long started = System.nanoTime();
        Podman.Result made = Podman.exec(List.of(root().resolve("containers/base-images.sh").toString()), Duration.ofMinutes(10))
                .orFail();
        made.out().lines().map(line -> line.split("=", 2)).filter(kv -> kv.length == 2).forEach(kv -> base.put(kv[0], kv[1]));
        jreImage = base.get("JRE_IMAGE");
        storesImage = base.get("STORES_IMAGE");
        assertThat(jreImage).as("base-images.sh names the JRE image").isNotBlank();
        assertThat(storesImage).as("base-images.sh names the stores image").isNotBlank();
        ContainerReport.line("Base images (containers/base-images.sh, cached after the first run): %.0f s",
                seconds(started));

        started = System.nanoTime();
        Podman.Result built = Podman.exec(List.of("env", "SKIP_MAVEN=1", "CONTAINER_ENGINE=podman", "JRE_IMAGE=" + jreImage,
                root().resolve("kind/build-images.sh").toString()), Duration.ofMinutes(20));
        ContainerReport.write("build-images.log", built.out() + built.err());
        built.orFail();
        ContainerReport.line("Four service images (kind/build-images.sh with podman): %.0f s", seconds(started));
        for (String service : SERVICES) {
            services.put(service, "conference-platform/" + service + ":" + version());
        }
    }

    static synchronized Images get() {
        if (failure != null) {
            throw new IllegalStateException("the images could not be made (see the first failing test)", failure);
        }
        if (instance == null) {
            String missing = Podman.unavailableBecause();
            if (missing == null && !"0".equals(Podman.exec(List.of("id", "-u"), Duration.ofSeconds(10)).out().strip())) {
                missing = "the base images are made with debootstrap, which needs root";
            }
            if (missing != null) {
                if (System.getenv("CI") != null) {
                    throw new AssertionError("The container tests cannot run: " + missing);
                }
                Assumptions.abort("Container tests skipped: " + missing);
            }
            try {
                instance = new Images();
            } catch (RuntimeException | AssertionError e) {
                failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                throw e;
            }
        }
        return instance;
    }

    static Path root() {
        return dev.conference.helm.Charts.root();
    }

    static String version() {
        return System.getProperty("platform.version", "0.1.0-SNAPSHOT");
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

package dev.conference.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of the local run's tool that need no process: the command line, and which embedded
 * binaries fit an architecture. local/ is not a module of the build, so its sources are compiled here.
 */
class LocalToolsTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path classes;
    private static ClassLoader tools;

    @BeforeAll
    static void compileThePureClasses() throws Exception {
        Path src = ROOT.resolve("local/src");
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Options.java").toString(), src.resolve("EmbeddedBinaries.java").toString(),
                src.resolve("Console.java").toString());
        assertThat(compiled).isZero();
        tools = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, LocalToolsTest.class.getClassLoader());
    }

    @Test
    void thePortBaseComesFromTheOptionOrTheEnvironmentAndIsChecked() throws Exception {
        assertThat(portBase(List.of(), Map.of())).isEqualTo(8080);
        assertThat(portBase(List.of("--port-base", "9080"), Map.of())).isEqualTo(9080);
        assertThat(portBase(List.of("--port-base=9180"), Map.of("LOCAL_PORT_BASE", "9080"))).isEqualTo(9180);
        assertThat(portBase(List.of(), Map.of("LOCAL_PORT_BASE", "9080"))).isEqualTo(9080);
        assertThatThrownBy(() -> portBase(List.of("--port-base", "65534"), Map.of())).hasMessageContaining("from 1024 to 65532");
        assertThatThrownBy(() -> portBase(List.of("--port-base"), Map.of())).hasMessageContaining("needs a port number");
    }

    @Test
    void dataStaysInLocalDataDirElseInTheTemporaryDirectory() throws Exception {
        assertThat(dataDir(Map.of("LOCAL_DATA_DIR", "/srv/local"))).isEqualTo(Path.of("/srv/local"));
        assertThat(dataDir(Map.of("LOCAL_DATA_DIR", "", "TMPDIR", "/var/tmp"))).isEqualTo(Path.of("/var/tmp/conference-platform"));
        assertThat(dataDir(Map.of())).isEqualTo(Path.of("/tmp/conference-platform"));
    }

    @Test
    void amd64AndArm64FindTheirEmbeddedBinariesAndOtherArchitecturesAreToldWhatToDo() throws Exception {
        assertThat(call("EmbeddedBinaries", "architecture", "x86_64")).isEqualTo("amd64");
        assertThat(call("EmbeddedBinaries", "architecture", "aarch64")).isEqualTo("arm64");
        assertThatThrownBy(() -> call("EmbeddedBinaries", "architecture", "riscv64"))
                .hasMessageContaining("riscv64").hasMessageContaining("PLATFORM_POSTGRES_URL");

        String pom = Files.readString(ROOT.resolve("local/pom.xml"));
        for (String arch : List.of("amd64", "arm64")) {
            assertThat(pom).contains("<artifactId>" + call("EmbeddedBinaries", "postgresArtifact", arch) + "</artifactId>");
        }
        List<String> redisJar = entriesOfTheJarOf(redis.embedded.RedisServer.class);
        assertThat(redisEntry(redisJar, "amd64")).contains("redis-server-6.2.6-v5-linux-amd64");
        assertThat(redisEntry(redisJar, "arm64")).contains("redis-server-6.2.7-linux-arm64");
    }

    private static int portBase(List<String> args, Map<String, String> env) throws Exception {
        Object options = parse(args, env);
        return (int) component(options, "portBase");
    }

    private static Path dataDir(Map<String, String> env) throws Exception {
        Object options = parse(List.of(), env);
        return (Path) component(options, "dataDir");
    }

    private static Object component(Object options, String name) throws Exception {
        Method accessor = options.getClass().getDeclaredMethod(name);
        accessor.setAccessible(true);
        return accessor.invoke(options);
    }

    private static Object parse(List<String> args, Map<String, String> env) throws Exception {
        Method parse = tools.loadClass("Options").getDeclaredMethod("parse", List.class, Map.class);
        return invoke(parse, args, env);
    }

    private static String call(String type, String method, String argument) throws Exception {
        return (String) invoke(tools.loadClass(type).getDeclaredMethod(method, String.class), argument);
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> redisEntry(List<String> entries, String arch) throws Exception {
        Method entry = tools.loadClass("EmbeddedBinaries").getDeclaredMethod("redisEntry", List.class, String.class);
        return (Optional<String>) invoke(entry, entries, arch);
    }

    private static Object invoke(Method method, Object... arguments) throws Exception {
        method.setAccessible(true);
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static List<String> entriesOfTheJarOf(Class<?> type) throws Exception {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}

package dev.conference.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service's jar made ready to start the way its image starts it (the service's Dockerfile): extracted
 * ({@code java -Djarmode=tools -jar app.jar extract}), then a training run that refreshes the context once
 * under the {@code training} profile and exits, leaving the class data the start-up reads. The same JVM
 * runs the training and the service, as in the image.
 *
 * @param jar the extracted app.jar, with its lib/ beside it
 * @param startOptions the JVM options that read the class data at start
 */
record ImageLaunch(Path jar, List<String> startOptions) {

    /**
     * The class data: JDK 25's AOT cache, made and read with the module the OpenTelemetry agent brings, as the
     * images do (docs/decisions/0015-start-up-jre-25-and-aot-cache.md); or a dynamic CDS archive, what the
     * images used on JRE 21 before, kept as a reference.
     */
    enum Archive {
        AOT_CACHE("image (AOT cache)", "-XX:AOTCacheOutput=", "-XX:AOTCache=", "app.aot", List.of("--add-modules=java.instrument")),
        CDS("CDS archive (images before)", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "app.jsa", List.of());

        final String label;
        private final String writeOption;
        private final String readOption;
        private final String file;
        private final List<String> modules;

        Archive(String label, String writeOption, String readOption, String file, List<String> modules) {
            this.label = label;
            this.writeOption = writeOption;
            this.readOption = readOption;
            this.file = file;
            this.modules = modules;
        }
    }

    static ImageLaunch prepare(Path builtJar, Archive archive, List<String> jvmOptions) throws IOException, InterruptedException {
        Path directory = Path.of("target", "image-launch", builtJar.getFileName().toString().replace(".jar", ""),
                archive.name().toLowerCase()).toAbsolutePath();
        deleteRecursively(directory);
        Files.createDirectories(directory);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = directory.resolve("training.log");
        run(directory, log, List.of(java, "-Djarmode=tools", "-jar", builtJar.toAbsolutePath().toString(),
                "extract", "--destination", directory.resolve("app").toString()));
        Path jar = directory.resolve("app").resolve(builtJar.getFileName());
        Path file = directory.resolve(archive.file);
        List<String> training = new ArrayList<>(List.of(java));
        training.addAll(jvmOptions);
        training.add(archive.writeOption + file);
        training.addAll(archive.modules);
        training.addAll(List.of("-Dspring.context.exit=onRefresh",
                "-Dspring.profiles.active=training", "-jar", jar.toString()));
        run(directory, log, training);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The training run left no " + file + "; see " + log);
        }
        List<String> start = new ArrayList<>(List.of(archive.readOption + file));
        start.addAll(archive.modules);
        return new ImageLaunch(jar, List.copyOf(start));
    }

    private static void run(Path directory, Path log, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

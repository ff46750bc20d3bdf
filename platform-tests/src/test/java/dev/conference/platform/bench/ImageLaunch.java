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
 * @param archiveOption the JVM option that reads the archive at start
 */
record ImageLaunch(Path jar, String archiveOption) {

    /** The class data: JDK 21's dynamic CDS archive (what the images use) or JDK 25's AOT cache. */
    enum Archive {
        CDS("-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", "app.jsa"),
        AOT_CACHE("-XX:AOTCacheOutput=", "-XX:AOTCache=", "app.aot");

        private final String writeOption;
        private final String readOption;
        private final String file;

        Archive(String writeOption, String readOption, String file) {
            this.writeOption = writeOption;
            this.readOption = readOption;
            this.file = file;
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
        training.addAll(List.of(archive.writeOption + file, "-Dspring.context.exit=onRefresh",
                "-Dspring.profiles.active=training", "-jar", jar.toString()));
        run(directory, log, training);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The training run left no " + file + "; see " + log);
        }
        return new ImageLaunch(jar, archive.readOption + file);
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

package dev.conference.platform.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What the container tests measure (image sizes, ready times, memory, shutdown times), written to
 * {@code target/container-tests/report.md} and to the test output; bench/README.md records a run.
 */
final class ContainerReport {

    private ContainerReport() {
    }

    static Path directory() {
        Path dir = Path.of(System.getProperty("container-tests.work", "target/container-tests"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[container-tests] " + line);
        try {
            Files.writeString(directory().resolve("report.md"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(String file) {
        try {
            Files.deleteIfExists(directory().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(String file, String text) {
        try {
            Files.writeString(directory().resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

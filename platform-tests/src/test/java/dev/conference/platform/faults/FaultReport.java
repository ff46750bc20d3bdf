package dev.conference.platform.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The figures of the fault and abuse suite (requests, errors by kind, lost, duplicated), appended to
 * {@code target/faults/report.md} and printed; docs/resilience.md records a run.
 */
final class FaultReport {

    private FaultReport() {
    }

    static synchronized void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[faults] " + line);
        try {
            Path file = Path.of("target", "faults", "report.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "- " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

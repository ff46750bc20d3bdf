package dev.conference.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints a benchmark's result lines and keeps them under target/bench/ for the record. */
final class BenchReport {

    private final StringBuilder text = new StringBuilder();
    private final String name;

    BenchReport(String name) {
        this.name = name;
    }

    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        text.append(line).append('\n');
    }

    void write() throws IOException {
        Path file = Path.of("target", "bench", name + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        System.out.println("written to " + file.toAbsolutePath());
    }

    /** The q-quantile of sorted values, nearest rank. */
    static double quantile(List<Double> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}

package dev.conference.platform.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line. On machines like the project's CI podman needs the settings in
 * {@code containers/containers.conf} (runc, cgroupfs, no default ulimits); they are handed over through
 * {@code CONTAINERS_CONF} unless the environment names another file.
 */
final class Podman {

    record Result(List<String> command, int exitCode, String out, String err) {

        boolean ok() {
            return exitCode == 0;
        }

        Result orFail() {
            if (!ok()) {
                throw new AssertionError("podman failed (exit " + exitCode + "): " + String.join(" ", command)
                        + "\n" + err.strip() + "\n" + tail(out));
            }
            return this;
        }

        private static String tail(String text) {
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        }
    }

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private Podman() {
    }

    static Path containersConf() {
        String configured = System.getenv("CONTAINERS_CONF");
        return configured != null ? Path.of(configured) : Images.root().resolve("containers/containers.conf");
    }

    /** Whether podman can be run here at all; the reason when not. */
    static String unavailableBecause() {
        try {
            Result version = run(Duration.ofSeconds(30), "version", "--format", "{{.Client.Version}}");
            return version.ok() ? null : "podman does not run: " + version.err().strip();
        } catch (UncheckedIOException e) {
            return "podman is not installed (apt-get install podman runc debootstrap)";
        }
    }

    static Result run(List<String> args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    static Result run(String... args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    /** The host port on 127.0.0.1 that a container's port is published on. */
    static int hostPort(String container, int containerPort) {
        String mapped = check("port", container, containerPort + "/tcp");
        return Integer.parseInt(mapped.lines().findFirst().orElseThrow().replaceAll(".*:", ""));
    }

    /** Runs podman and fails the test when it does not exit 0; returns its output. */
    static String check(String... args) {
        return run(args).orFail().out().strip();
    }

    static Result run(Duration timeout, String... args) {
        return run(timeout, List.of(args));
    }

    static Result run(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(args);
        return exec(command, timeout);
    }

    /** Runs any command with podman's settings in its environment. */
    static Result exec(List<String> command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CONTAINERS_CONF", containersConf().toString());
        try {
            Path out = Files.createTempFile("podman", ".out");
            Path err = Files.createTempFile("podman", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command));
                }
                return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes the local run started, each with its log. Stops them on the way out: the services
 * first, so that they finish their requests, then the stores they use.
 */
final class Supervisor {

    /** One started process; a store is stopped after every service. */
    record Child(String name, Process process, Path log, boolean store) {
        long pid() {
            return process.pid();
        }
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(25);
    private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"));

    private final List<Child> children = new ArrayList<>();
    private final Console console;
    private boolean stopping;

    Supervisor(Console console) {
        this.console = console;
    }

    /**
     * Starts a process writing to its log. It runs in a session of its own, so that a Ctrl-C in the
     * terminal reaches only the run, which then stops the services before the stores.
     */
    synchronized Child start(String name, List<String> command, Map<String, String> env, Path log, boolean store) {
        if (stopping) {
            throw new Console.Failure("stopping");
        }
        List<String> full = new ArrayList<>();
        if (SETSID) {
            full.add("setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Child child = new Child(name, builder.start(), log, store);
            children.add(child);
            return child;
        } catch (IOException e) {
            throw new Console.Failure("could not start " + name + ": " + e.getMessage());
        }
    }

    /** Runs a short command (initdb) to its end, writing to its log; the caller waits for it. */
    synchronized Process run(List<String> command, Path log) throws IOException {
        if (stopping) {
            throw new Console.Failure("stopping");
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** The first started process that has ended, if any. */
    synchronized Optional<Child> firstEnded() {
        return children.stream().filter(child -> !child.process().isAlive()).findFirst();
    }

    synchronized boolean stopping() {
        return stopping;
    }

    synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (children.isEmpty()) {
            return;
        }
        System.out.println();
        console.step("Stopping");
        stop(children.stream().filter(child -> !child.store()).toList());
        stop(children.stream().filter(Child::store).toList());
        console.ok("everything stopped");
    }

    /** SIGTERM, up to 25 s to end, then SIGKILL for what is left. */
    private static void stop(List<Child> group) {
        group.forEach(child -> child.process().destroy());
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Child child : group) {
            try {
                long left = deadline - System.nanoTime();
                if (!child.process().waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                    child.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                child.process().destroyForcibly();
            }
        }
    }

    /** The last lines of a log, to show with a failure. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.conference.platform.browser;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * axe-core, the version src/test/axe/package-lock.json pins, run in the page against WCAG 2.1 A and AA. It is installed
 * with {@code npm ci} where .ci/run has not done it already.
 */
final class Axe {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Path HOME = Path.of(System.getProperty("browser.axe", "src/test/axe"));
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static String source;

    private Axe() {
    }

    /** One rule's violation: its id, impact, and the CSS selectors of the elements that break it. */
    record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + "\n    " + String.join("\n    ", targets);
        }
    }

    /** The page's WCAG 2.1 A/AA violations, as axe sees the page now. */
    static List<Violation> violations(Browser browser) {
        browser.script(script());
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        try {
            Object answer = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                        .then((results) => done(JSON.stringify(results.violations)))
                        .catch((e) => done('axe failed: ' + e));
                    """, WCAG_21_AA);
            String json = String.valueOf(answer);
            if (json.startsWith("axe failed")) {
                throw new AssertionError(json);
            }
            List<Map<String, Object>> found = JsonPath.read(json, "$");
            return found.stream().map(v -> {
                List<Object> targets = JsonPath.read(v, "$.nodes[*].target");
                return new Violation((String) v.get("id"), (String) v.get("impact"), (String) v.get("help"),
                        targets.stream().map(String::valueOf).toList());
            }).toList();
        } finally {
            browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        }
    }

    static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static synchronized String script() {
        if (source == null) {
            Path axe = HOME.resolve("node_modules").resolve("axe-core").resolve("axe.min.js");
            if (!installed()) {
                install();
            }
            try {
                source = Files.readString(axe, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    /** npm writes node_modules/.package-lock.json last; one older than package-lock.json holds other versions than those pinned. */
    private static boolean installed() {
        Path done = HOME.resolve("node_modules").resolve(".package-lock.json");
        try {
            return Files.exists(done)
                    && Files.getLastModifiedTime(done).compareTo(Files.getLastModifiedTime(HOME.resolve("package-lock.json"))) >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void install() {
        try {
            // npm's output goes to a file, not a pipe: reading a pipe to its end would wait for npm however long it
            // hangs, and the timeout below would never apply.
            Path log = Files.createTempFile("axe-npm-ci", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci in " + HOME + (ended ? " failed" : " took longer than " + INSTALL_TIMEOUT)
                        + " (node and npm are needed; .ci/run installs them):\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            Files.delete(log);
        } catch (IOException e) {
            throw new UncheckedIOException("npm ci in " + HOME + " could not start: node and npm are needed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

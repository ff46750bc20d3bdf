/** The progress lines of the local run: a step, a success under it, a failure that ends the run. */
final class Console {

    private final boolean colour;

    Console(boolean colour) {
        this.colour = colour;
    }

    String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    String dim(String text) {
        return colour ? "\u001b[2m" + text + "\u001b[0m" : text;
    }

    String red(String text) {
        return colour ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    String tick() {
        return colour ? "\u001b[32m✓\u001b[0m" : "✓";
    }

    /** Back to the start of a line of progress dots, to replace it (on a terminal), else a new line. */
    String replaceLine() {
        return colour ? "\r\u001b[K" : "\n";
    }

    void step(String text) {
        System.out.println(bold("▸ " + text));
    }

    void ok(String text) {
        System.out.println("  " + tick() + " " + text);
    }

    void note(String text) {
        System.out.println("  " + text);
    }

    void error(String text) {
        System.out.flush();
        System.err.println("  " + red("✗ " + text));
    }

    /** Ends the run (the shutdown hook stops what was started) after saying why. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}

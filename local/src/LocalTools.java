import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The local run's entry point, compiled and started by local/run.sh with the class path of
 * local/pom.xml:
 *
 * <pre>
 * LocalTools run [OPTIONS]                        the whole platform (see Options.USAGE)
 * LocalTools mail-sink SMTP_PORT HTTP_PORT SITE   SMTP server with a web inbox, until stopped
 * </pre>
 */
public final class LocalTools {

    private LocalTools() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "run" -> run(rest);
            case "mail-sink" -> MailSink.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            default -> {
                System.err.println("usage: LocalTools run [OPTIONS] | mail-sink SMTP_PORT HTTP_PORT SITE_URL");
                System.exit(2);
            }
        }
    }

    private static void run(List<String> args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (Options.BadUsage e) {
            System.err.println("run.sh: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        Console console = new Console(Boolean.getBoolean("local.colour"));
        try {
            new LocalRun(options, Path.of(System.getProperty("local.root", ".")).toAbsolutePath().normalize(), console).run();
        } catch (Console.Failure e) {
            console.error(e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            console.error("the local run failed: " + e);
            System.exit(1);
        }
    }

    /** The java of the JDK this runs on, for the processes it starts. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

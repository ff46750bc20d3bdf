import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the user asked for: the command line of local/run.sh and the environment it reads. */
record Options(boolean rebuild, boolean fresh, boolean help, int portBase, Path dataDir, boolean embeddedStores,
               Map<String, String> env) {

    static final int DEFAULT_PORT_BASE = 8080;

    static final String USAGE = """
            usage: ./local/run.sh [--rebuild] [--fresh] [--port-base N] [--help]

            Starts the whole platform on this machine: the four services, PostgreSQL, Redis and an SMTP
            sink with a web inbox. Ctrl-C (or SIGTERM) stops everything it started: the services first,
            then the stores.

            Options:
              --rebuild       build the services again first (else only missing jars are built)
              --fresh         start with empty local data (drops the local database and agenda)
              --port-base N   ports of the services: frontend N, c4p N+1, agenda N+2, email N+3
                              (default 8080; also LOCAL_PORT_BASE)
              -h, --help      this text

            Environment:
              PLATFORM_POSTGRES_URL       JDBC URL of a database to use instead of starting PostgreSQL,
              PLATFORM_POSTGRES_USER      with its user (default postgres)
              PLATFORM_POSTGRES_PASSWORD  and password
              PLATFORM_REDIS_HOST         Redis to use instead of starting one,
              PLATFORM_REDIS_PORT         its port (default 6379)
              PLATFORM_REDIS_PASSWORD     and password
              PLATFORM_SMTP_HOST          SMTP server to use instead of the local sink,
              PLATFORM_SMTP_PORT          its port (default 25)
              PLATFORM_STORES=embedded    start PostgreSQL and Redis from Maven's embedded binaries
                                          whatever is installed or running
              LOCAL_DATA_DIR              where data and logs stay (default $TMPDIR/conference-platform)
              LOCAL_PORT_BASE             as --port-base
              JAVA_HOME                   the JDK (21 or newer) to use

            Otherwise a PostgreSQL or Redis answering on 127.0.0.1:5432 / 6379 is used (database
            conference_local, keys under local:); else one is started from the installed binaries, else
            from the embedded binaries Maven fetches (linux amd64 and arm64). As root, PostgreSQL runs as
            nobody.
            """;

    /** Thrown for a command line that cannot be followed; run.sh exits 2 with its message. */
    static final class BadUsage extends RuntimeException {
        BadUsage(String message) {
            super(message);
        }
    }

    static Options parse(List<String> args, Map<String, String> env) {
        boolean rebuild = false;
        boolean fresh = false;
        boolean help = false;
        String portBase = env.getOrDefault("LOCAL_PORT_BASE", "");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--rebuild" -> rebuild = true;
                case "--fresh" -> fresh = true;
                case "-h", "--help" -> help = true;
                case "--port-base" -> {
                    if (i + 1 == args.size()) {
                        throw new BadUsage("--port-base needs a port number");
                    }
                    portBase = args.get(++i);
                }
                default -> {
                    if (arg.startsWith("--port-base=")) {
                        portBase = arg.substring("--port-base=".length());
                    } else {
                        throw new BadUsage("unknown option " + arg + " (try --help)");
                    }
                }
            }
        }
        String dataDir = env.getOrDefault("LOCAL_DATA_DIR", "");
        String tmp = env.getOrDefault("TMPDIR", "");
        Path data = !dataDir.isEmpty() ? Path.of(dataDir) : Path.of(tmp.isEmpty() ? "/tmp" : tmp, "conference-platform");
        return new Options(rebuild, fresh, help, portBase(portBase), data, "embedded".equals(env.get("PLATFORM_STORES")), env);
    }

    private static int portBase(String value) {
        if (value.isEmpty()) {
            return DEFAULT_PORT_BASE;
        }
        try {
            int base = Integer.parseInt(value);
            if (base >= 1024 && base + 3 <= 65535) {
                return base;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadUsage("the port base must be a number from 1024 to 65532, not " + value);
    }

    /** An environment variable, or null when unset or empty. */
    String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String env(String name, String otherwise) {
        String value = env(name);
        return value == null ? otherwise : value;
    }
}

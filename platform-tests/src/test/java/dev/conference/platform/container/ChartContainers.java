package dev.conference.platform.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.helm.Charts;
import dev.conference.helm.Manifests;
import dev.conference.helm.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The rendered umbrella chart run as podman containers, one per workload, the way the kubelet would run
 * its pods: the environment from the release's ConfigMaps and Secrets, the user and group, a read-only
 * root with the chart's emptyDirs as size-limited tmpfs, no capabilities, no privilege escalation, the
 * CPU and memory limits, the grace period, and the probes. Each pod gets the names of the Services that
 * select it on a network of its own, so the settings the chart renders (http://conference-c4p-service:8080,
 * conference-postgresql, ...) work unchanged. Ports are published on 127.0.0.1 only.
 *
 * <p>Three images are stand-ins, since no registry is reachable: PostgreSQL and Redis run from Debian's
 * packages (the chart's own command, environment and user) and Mailpit's place is taken by GreenMail,
 * whose IMAP port lets the tests read what was sent. Everything is named {@code <run>-<workload>} and
 * removed by name at the end; leftovers of an interrupted run are removed by label at the next start.
 */
final class ChartContainers implements AutoCloseable {

    static final String LABEL = "dev.conference.container-tests";
    static final String OTEL_ENDPOINT = "http://conference-otel-collector:4318";
    static final int IMAP_PORT = 1143;
    /** GreenMail standing in for Mailpit: SMTP on Mailpit's port, IMAP for the tests, any login accepted. */
    static final List<String> MAIL_SINK_COMMAND = List.of("java", "-Xmx64m", "-Dgreenmail.smtp.hostname=0.0.0.0",
            "-Dgreenmail.smtp.port=1025", "-Dgreenmail.imap.hostname=0.0.0.0", "-Dgreenmail.imap.port=" + IMAP_PORT,
            "-Dgreenmail.auth.disabled", "-jar", "/opt/greenmail/greenmail-standalone.jar");

    final String run = "ct-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    final String network = run;
    final Manifests release;
    final Images images;
    private final Map<String, Running> running = new LinkedHashMap<>();
    /** CPU seconds each service had used when it first answered its readiness probe. */
    final Map<String, Double> startCpuSeconds = new LinkedHashMap<>();
    private final List<String> volumes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A workload's container as podman runs it. */
    record Running(String component, String name, Workload workload, Container container, String image,
                   List<String> runCommand) {

        long graceSeconds() {
            return Objects.requireNonNullElse(workload.pod().getTerminationGracePeriodSeconds(), 30L);
        }

        /** The preStop sleep, which the kubelet runs before SIGTERM within the same grace period. */
        long preStopSleepSeconds() {
            var lifecycle = container.getLifecycle();
            if (lifecycle == null || lifecycle.getPreStop() == null || lifecycle.getPreStop().getSleep() == null) {
                return 0;
            }
            return lifecycle.getPreStop().getSleep().getSeconds();
        }
    }

    /** Starts the release's workloads; {@link #close()} removes them (also at JVM exit, should a test class not). */
    static ChartContainers start() {
        ChartContainers platform = new ChartContainers(Images.get());
        Thread cleanUp = new Thread(platform::close);
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            platform.startAll();
        } catch (RuntimeException | AssertionError e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    ChartContainers(Images images) {
        this.images = images;
        removeLeftovers();
        this.release = SecretsJobs.run(render(), images.services.get("frontend-service"));
    }

    /**
     * The umbrella chart's defaults, with the OpenTelemetry agent switched on in every service (and the
     * NetworkPolicies' egress to its collector), and the service images as built here.
     */
    static Manifests render() {
        Map<String, String> sets = new LinkedHashMap<>();
        sets.put("global.otel.enabled", "true");
        sets.put("global.otel.endpoint", OTEL_ENDPOINT);
        sets.put("global.networkPolicy.extraEgress[0].to[0].ipBlock.cidr", "10.0.0.0/8");
        sets.put("global.networkPolicy.extraEgress[0].ports[0].port", "4318");
        sets.put("global.imageRegistry", "localhost");
        // KinD's Kubernetes: the preStop pause is a sleep action.
        sets.put("global.kubeVersion", "1.33.0");
        for (String service : Images.SERVICES) {
            sets.put(service + ".image.pullPolicy", "Never");
        }
        String yaml = Charts.render("conference-platform", List.of(), sets);
        ContainerReport.write("release.yaml", yaml);
        return Manifests.parse(yaml);
    }

    private void startAll() {
        Podman.check("network", "create", "--label", LABEL + "=" + run, network);
        long started = System.nanoTime();
        start(workload("postgresql"), images.storesImage, List.of());
        start(workload("redis"), images.storesImage, List.of());
        startMailSink();
        for (String store : List.of("postgresql", "redis", "mailpit")) {
            awaitReady(running.get(store), Duration.ofSeconds(60));
        }
        ContainerReport.line("PostgreSQL, Redis and the SMTP sink ready: %.1f s", Images.seconds(started));

        started = System.nanoTime();
        Map<String, Long> startedAt = new LinkedHashMap<>();
        for (String service : Images.SERVICES) {
            startedAt.put(service, System.nanoTime());
            start(workload(service), images.services.get(service), List.of());
        }
        // Polled together, so that each one's time is its own. Waits past the chart's startup budget, so that a
        // slow machine reports its times instead of failing here.
        Map<String, Double> readyIn = new LinkedHashMap<>();
        Duration budget = startupBudget(get("frontend-service"));
        long deadline = System.nanoTime() + budget.plusSeconds(120).toNanos();
        while (readyIn.size() < startedAt.size()) {
            for (String service : Images.SERVICES) {
                Running container = running.get(service);
                if (readyIn.containsKey(service)) {
                    continue;
                }
                if (!isRunning(container)) {
                    throw new AssertionError(container.name() + " exited before it was ready:\n" + logs(container, 60));
                }
                if (passes(container, container.container().getReadinessProbe())) {
                    readyIn.put(service, Images.seconds(startedAt.get(service)));
                    startCpuSeconds.put(service, cpuSeconds(container));
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError(container.name() + " not ready within " + budget.plusSeconds(120) + ":\n"
                            + logs(container, 60));
                }
            }
            sleep(Duration.ofMillis(250));
        }
        for (String service : Images.SERVICES) {
            Duration own = startupBudget(get(service));
            ContainerReport.line("%s ready %.1f s after its start, using %.1f CPU seconds (startup probe budget %d s%s; limits %s)",
                    service, readyIn.get(service), startCpuSeconds.get(service), own.toSeconds(),
                    readyIn.get(service) > own.toSeconds() ? ": EXCEEDED, a kubelet would have restarted it" : "",
                    String.join(" ", limits(get(service).container())));
        }
        ContainerReport.line("The four service containers started together, all ready in %.1f s", Images.seconds(started));
    }

    /** The CPU time a container has used so far, in seconds. */
    static double cpuSeconds(Running container) {
        String nanos = Podman.check("stats", "--no-stream", "--format", "{{.CPUNano}}", container.name());
        return Long.parseLong(nanos) / 1e9;
    }

    /** The Deployment or StatefulSet whose pods are app.kubernetes.io/name {@code component}. */
    Workload workload(String component) {
        return release.workloads().stream().filter(w -> w.longRunning() && component.equals(w.component()))
                .findFirst().orElseThrow(() -> new AssertionError("no workload " + component + " in the release"));
    }

    Running get(String component) {
        return Objects.requireNonNull(running.get(component), () -> component + " is not running");
    }

    List<Running> services() {
        return Images.SERVICES.stream().map(this::get).toList();
    }

    /** Starts a workload's first container from {@code image}; its key is the workload's app.kubernetes.io/name. */
    Running start(Workload workload, String image, List<String> extra) {
        String name = run + "-" + workload.name().replaceFirst("^" + Charts.RELEASE + "-", "");
        List<String> args = new ArrayList<>(List.of("run", "--detach", "--name", name));
        args.addAll(arguments(workload, name, image, extra));
        Podman.run(args).orFail();
        Running started = new Running(workload.component(), name, workload, workload.pod().getContainers().getFirst(),
                image, List.copyOf(args));
        running.put(workload.component(), started);
        return started;
    }

    /** Runs a workload's first container to its end, as a Job's or a test hook's pod runs; its output. */
    Podman.Result runToCompletion(Workload workload, String image, List<String> extra, Duration timeout) {
        String name = run + "-" + workload.name().replaceFirst("^" + Charts.RELEASE + "-", "");
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", name));
        args.addAll(arguments(workload, name, image, extra));
        return Podman.run(timeout, args);
    }

    private List<String> arguments(Workload workload, String name, String image, List<String> extra) {
        Container container = workload.pod().getContainers().getFirst();
        List<String> args = new ArrayList<>(List.of("--label", LABEL + "=" + run, "--network", network));
        for (String alias : serviceNames(workload)) {
            args.addAll(List.of("--network-alias", alias));
        }
        args.addAll(hardening(workload, container));
        args.addAll(limits(container));
        args.addAll(volumes(workload, container, name));
        args.addAll(List.of("--stop-timeout", String.valueOf(
                Objects.requireNonNullElse(workload.pod().getTerminationGracePeriodSeconds(), 30L))));
        for (var port : Objects.requireNonNullElse(container.getPorts(), List.<io.fabric8.kubernetes.api.model.ContainerPort>of())) {
            args.addAll(List.of("--publish", "127.0.0.1::" + port.getContainerPort()));
        }
        args.addAll(List.of("--env-file", envFile(name, release.environment(container)).toString()));
        args.addAll(extra);
        List<String> command = Objects.requireNonNullElse(container.getCommand(), List.of());
        if (!command.isEmpty()) {
            args.add("--entrypoint=" + json(command));
        }
        args.add(image);
        args.addAll(Objects.requireNonNullElse(container.getArgs(), List.of()));
        return args;
    }

    /** A workload of any kind (a CronJob, a test Pod) by its name in the release. */
    Workload workloadNamed(String name) {
        return release.workloads().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload named " + name + " in the release"));
    }

    /** GreenMail in Mailpit's place: the same Service name, SMTP port, user and security settings. */
    private void startMailSink() {
        Workload mailpit = workload("mailpit");
        Path jar = ContainerReport.directory().resolve("greenmail-standalone.jar").toAbsolutePath();
        assertThat(jar).as("copied by the build (maven-dependency-plugin)").exists();
        start(mailpit, images.jreImage, List.of(
                "--volume", jar + ":/opt/greenmail/greenmail-standalone.jar:ro",
                "--publish", "127.0.0.1::" + IMAP_PORT,
"--entrypoint=" + json(MAIL_SINK_COMMAND)));
    }

    /** The IMAP port of the SMTP sink on 127.0.0.1: log in with any recipient's address as user and password. */
    int imapPort() {
        return hostPort(get("mailpit"), IMAP_PORT);
    }

    /** The host port on 127.0.0.1 that a container port is published on. */
    int hostPort(Running container, int containerPort) {
        return Podman.hostPort(container.name(), containerPort);
    }

    /** The base URL of a service's HTTP port on 127.0.0.1. */
    String url(String component) {
        Running container = get(component);
        return "http://127.0.0.1:" + hostPort(container, namedPort(container.container(), "http"));
    }

    private List<String> serviceNames(Workload workload) {
        return release.all(Service.class).stream()
                .filter(s -> Manifests.selects(s.getSpec().getSelector(), workload.podLabels()))
                .peek(s -> s.getSpec().getPorts().forEach(p -> assertThat(portNumber(workload, p.getTargetPort()))
                        .as("%s: podman has no port mapping between a Service and its pods", s.getMetadata().getName())
                        .isEqualTo(p.getPort())))
                .map(s -> s.getMetadata().getName())
                .toList();
    }

    private static int portNumber(Workload workload, IntOrString port) {
        if (port == null) {
            return -1;
        }
        return port.getIntVal() != null ? port.getIntVal()
                : namedPort(workload.pod().getContainers().getFirst(), port.getStrVal());
    }

    static int namedPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name)).getContainerPort();
    }

    /** The pod's and container's securityContext as podman options. */
    static List<String> hardening(Workload workload, Container container) {
        PodSecurityContext pod = Objects.requireNonNullElseGet(workload.pod().getSecurityContext(), PodSecurityContext::new);
        SecurityContext own = Objects.requireNonNullElseGet(container.getSecurityContext(), SecurityContext::new);
        Long user = own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser();
        Long group = own.getRunAsGroup() != null ? own.getRunAsGroup() : pod.getRunAsGroup();
        List<String> args = new ArrayList<>();
        if (user != null) {
            args.addAll(List.of("--user", user + (group != null ? ":" + group : "")));
        }
        if (pod.getFsGroup() != null) {
            args.addAll(List.of("--group-add", String.valueOf(pod.getFsGroup())));
        }
        if (Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            args.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (own.getCapabilities() != null && own.getCapabilities().getDrop() != null
                && own.getCapabilities().getDrop().contains("ALL")) {
            args.addAll(List.of("--cap-drop", "all"));
            Objects.requireNonNullElse(own.getCapabilities().getAdd(), List.<String>of())
                    .forEach(cap -> args.addAll(List.of("--cap-add", cap)));
        }
        if (Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            args.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        return args;
    }

    static List<String> limits(Container container) {
        Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
        if (limits == null) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        if (limits.containsKey("cpu")) {
            args.addAll(List.of("--cpus", Quantity.getAmountInBytes(limits.get("cpu")).stripTrailingZeros().toPlainString()));
        }
        if (limits.containsKey("memory")) {
            args.addAll(List.of("--memory", Quantity.getAmountInBytes(limits.get("memory")).toBigInteger().toString(),
                    "--memory-swap", Quantity.getAmountInBytes(limits.get("memory")).toBigInteger().toString()));
        }
        return args;
    }

    /**
     * emptyDirs as tmpfs of their size limit, claims as named volumes. (podman gives a tmpfs the mode of the
     * directory it is mounted on, whatever mode it is asked for; the images keep those directories writable.)
     */
    private List<String> volumes(Workload workload, Container container, String name) {
        List<String> args = new ArrayList<>();
        for (VolumeMount mount : Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of())) {
            Volume volume = workload.pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(workload + " mounts an undeclared volume " + mount.getName()));
            if (volume.getEmptyDir() != null) {
                Quantity size = volume.getEmptyDir().getSizeLimit();
                String sizeOption = size == null ? "" : ",size=" + Quantity.getAmountInBytes(size).toBigInteger();
                args.addAll(List.of("--tmpfs", mount.getMountPath() + ":rw,mode=0777,notmpcopyup" + sizeOption));
            } else if (volume.getPersistentVolumeClaim() != null) {
                String named = name + "-" + volume.getName();
                Podman.check("volume", "create", "--label", LABEL + "=" + run, named);
                volumes.add(named);
                args.addAll(List.of("--volume", named + ":" + mount.getMountPath() + ":U"));
            } else {
                throw new AssertionError(workload + ": no podman stand-in for volume " + volume);
            }
        }
        return args;
    }

    private Path envFile(String name, Map<String, String> environment) {
        environment.forEach((key, value) -> assertThat(value).as("%s of %s fits an env file", key, name).doesNotContain("\n"));
        String text = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Path file = ContainerReport.directory().resolve(name + ".env");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the readiness probe passes, as long as the startup probe would let the container live. */
    void awaitReady(Running container, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Probe readiness = container.container().getReadinessProbe();
        while (System.nanoTime() < deadline) {
            if (!isRunning(container)) {
                throw new AssertionError(container.name() + " exited before it was ready; podman "
                        + String.join(" ", container.runCommand()) + "\n" + logs(container, 60));
            }
            boolean ready = container.component().equals("mailpit") ? smtpAnswers(container)
                    : readiness == null || passes(container, readiness);
            if (ready) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError(container.name() + " not ready within " + budget + " (a kubelet would restart it):\n"
                + logs(container, 60));
    }

    /** failureThreshold × period of the startup probe: how long the kubelet lets a container start. */
    static Duration startupBudget(Running container) {
        Probe startup = container.container().getStartupProbe();
        if (startup == null) {
            return Duration.ofSeconds(60);
        }
        return Duration.ofSeconds((long) startup.getFailureThreshold() * startup.getPeriodSeconds());
    }

    boolean passes(Running container, Probe probe) {
        if (probe.getHttpGet() != null) {
            int port = portNumber(container.workload(), probe.getHttpGet().getPort());
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + hostPort(container, port) + probe.getHttpGet().getPath()))
                        .timeout(Duration.ofSeconds(Objects.requireNonNullElse(probe.getTimeoutSeconds(), 1))).build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() >= 200 && response.statusCode() < 400;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (probe.getExec() != null) {
            List<String> exec = new ArrayList<>(List.of("exec", container.name()));
            exec.addAll(probe.getExec().getCommand());
            return Podman.run(Duration.ofSeconds(Objects.requireNonNullElse(probe.getTimeoutSeconds(), 1) + 10L), exec).ok();
        }
        throw new AssertionError("no stand-in for probe " + probe);
    }

    /** The stand-in for Mailpit has none of its HTTP probes: it is ready when SMTP greets. */
    private boolean smtpAnswers(Running container) {
        try (var socket = new java.net.Socket("127.0.0.1", hostPort(container, namedPort(container.container(), "smtp")))) {
            socket.setSoTimeout(2000);
            byte[] greeting = new byte[3];
            return socket.getInputStream().readNBytes(greeting, 0, 3) == 3 && new String(greeting).equals("220");
        } catch (IOException e) {
            return false;
        }
    }

    boolean isRunning(Running container) {
        return "true".equals(Podman.run("inspect", "--format", "{{.State.Running}}", container.name()).out().strip());
    }

    String logs(Running container, int lines) {
        Podman.Result logs = Podman.run("logs", "--tail", String.valueOf(lines), container.name());
        return logs.out() + logs.err();
    }

    /** Memory in use now, as each container's cgroup counts it, in MiB, by component. */
    Map<String, Double> memoryMiB(List<Running> containers) {
        List<String> args = new ArrayList<>(List.of("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsageBytes}}"));
        containers.forEach(c -> args.add(c.name()));
        Map<String, Double> used = new LinkedHashMap<>();
        // "ct-1a2b3c-c4p-service 123.4MB / 536.9MB"
        for (String line : Podman.run(args).orFail().out().strip().lines().toList()) {
            String[] parts = line.split(" ", 2);
            Running container = containers.stream().filter(c -> c.name().equals(parts[0])).findFirst().orElseThrow();
            used.put(container.component(), bytes(parts[1].split("/")[0].strip()) / (1024.0 * 1024.0));
        }
        return used;
    }

    static double bytes(String size) {
        String number = size.replaceAll("[^0-9.]", "");
        String unit = size.replaceAll("[0-9.\\s]", "").toUpperCase();
        double value = new BigDecimal(number).doubleValue();
        return switch (unit) {
            case "B" -> value;
            case "KB" -> value * 1e3;
            case "MB" -> value * 1e6;
            case "GB" -> value * 1e9;
            case "KIB" -> value * 1024;
            case "MIB" -> value * 1024 * 1024;
            case "GIB" -> value * 1024 * 1024 * 1024;
            default -> throw new IllegalArgumentException("size " + size);
        };
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void removeLeftovers() {
        String filter = "label=" + LABEL;
        Podman.run("pod", "ls", "--filter", filter, "--format", "{{.Name}}").out().lines()
                .forEach(name -> Podman.run("pod", "rm", "--force", name));
        Podman.run("ps", "--all", "--filter", filter, "--format", "{{.Names}}").out().lines()
                .forEach(name -> Podman.run("rm", "--force", "--time", "0", name));
        Podman.run("volume", "ls", "--filter", filter, "--format", "{{.Name}}").out().lines()
                .forEach(name -> Podman.run("volume", "rm", "--force", name));
        Podman.run("network", "ls", "--filter", filter, "--format", "{{.Name}}").out().lines()
                .forEach(name -> Podman.run("network", "rm", "--force", name));
    }

    /** Removes every container, volume and network of this run, by name. */
    @Override
    public synchronized void close() {
        for (Running container : running.values()) {
            ContainerReport.write("logs-" + container.name() + ".txt", logs(container, 2000));
            Podman.run("rm", "--force", "--time", "0", container.name());
        }
        running.clear();
        try (var files = Files.list(ContainerReport.directory())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(run + "-")
                    && f.getFileName().toString().endsWith(".env")).toList()) {
                Files.delete(file); // they hold the release's passwords
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        volumes.forEach(volume -> Podman.run("volume", "rm", "--force", volume));
        volumes.clear();
        Podman.run("network", "rm", "--force", network);
    }
}

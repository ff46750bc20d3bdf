package dev.conference.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory Kubernetes API for Secrets, over HTTPS on 127.0.0.1 (a random port), for testing
 * programs that run in a Pod with a ServiceAccount.
 *
 * <p>It answers {@code GET} and {@code PATCH} (JSON merge patch) on
 * {@code /api/v1/namespaces/{ns}/secrets/{name}} and {@code POST} on {@code /api/v1/namespaces/{ns}/secrets}
 * as the real API does: {@code Status} bodies, 404 for a missing Secret, 409 for a name taken or a stale
 * {@code metadata.resourceVersion} in a patch, 401 without the right bearer token. A test can make it
 * refuse a verb (403), fail the next requests (500) or change a Secret just before a request, and read
 * what it received and what it holds.
 *
 * <p>Its certificate is self-signed, for 127.0.0.1 and localhost, made with the JDK's {@code keytool} when
 * the first one starts in a JVM. {@link #serviceAccountDir()} holds {@code token}, {@code namespace} and
 * {@code ca.crt} as a Pod sees them in {@code /var/run/secrets/kubernetes.io/serviceaccount}; the directory
 * and its files are readable by everyone, so a program in a container running as another user can read them.
 */
public final class FakeKubernetesApi implements AutoCloseable {

    /** One request as the API received it. */
    public record Request(String method, String path) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A stored Secret, its data decoded. */
    public record Secret(String name, String type, Map<String, String> labels, Map<String, String> annotations,
                         Map<String, String> data) {
    }

    private static final Pattern SECRETS_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/secrets(?:/([^/]+))?");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final String namespace;
    private final String token = UUID.randomUUID().toString();
    private final Path workDir;
    private final Path serviceAccountDir;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    // namespace/name → the Secret as the API returns it (data base64)
    private final Map<String, ObjectNode> secrets = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Set<String> deniedVerbs = new HashSet<>();
    private final Map<String, Runnable> changesBeforeNext = new HashMap<>();
    private int failuresLeft;
    private long resourceVersion = 1000;

    private FakeKubernetesApi(String namespace) throws IOException, GeneralSecurityException, InterruptedException {
        this.namespace = namespace;
        this.workDir = Files.createTempDirectory("fake-kubernetes-api");
        this.serviceAccountDir = workDir.resolve("serviceaccount");
        SelfSignedCertificate certificate = SelfSignedCertificate.forThisJvm();
        writeServiceAccount(certificate.pem());
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts an API whose ServiceAccount lives in {@code namespace}. */
    public static FakeKubernetesApi start(String namespace) {
        try {
            return new FakeKubernetesApi(namespace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("FakeKubernetesApi could not set up TLS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making FakeKubernetesApi's certificate", e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String namespace() {
        return namespace;
    }

    /** A directory like a Pod's {@code /var/run/secrets/kubernetes.io/serviceaccount}: token, namespace, ca.crt. */
    public Path serviceAccountDir() {
        return serviceAccountDir;
    }

    /**
     * The environment a program in a Pod would find: {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}, and
     * {@code SERVICE_ACCOUNT_DIR} pointing at {@link #serviceAccountDir()}.
     */
    public Map<String, String> podEnvironment() {
        return Map.of("KUBERNETES_SERVICE_HOST", host(), "KUBERNETES_SERVICE_PORT", String.valueOf(port()),
                "SERVICE_ACCOUNT_DIR", serviceAccountDir.toString());
    }

    /** Stores a Secret in the ServiceAccount's namespace, replacing one of the same name. */
    public void putSecret(String name, Map<String, String> data) {
        putSecret(new Secret(name, "Opaque", Map.of(), Map.of(), data));
    }

    /** Stores a Secret in the ServiceAccount's namespace, replacing one of the same name. */
    public synchronized void putSecret(Secret secret) {
        ObjectNode object = JSON.createObjectNode();
        object.put("apiVersion", "v1").put("kind", "Secret").put("type", secret.type());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", secret.name());
        secret.labels().forEach(metadata.putObject("labels")::put);
        secret.annotations().forEach(metadata.putObject("annotations")::put);
        ObjectNode data = object.putObject("data");
        secret.data().forEach((key, value) -> data.put(key, encode(value)));
        store(namespace, secret.name(), object);
    }

    /** The Secrets of the ServiceAccount's namespace: name → data, decoded. */
    public synchronized Map<String, Map<String, String>> secrets() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        secrets.forEach((key, object) -> {
            if (key.startsWith(namespace + "/")) {
                all.put(object.path("metadata").path("name").asString(), decodedData(object));
            }
        });
        return all;
    }

    /** A Secret of the ServiceAccount's namespace, or null. */
    public synchronized Secret secret(String name) {
        ObjectNode object = secrets.get(namespace + "/" + name);
        if (object == null) {
            return null;
        }
        JsonNode metadata = object.path("metadata");
        return new Secret(name, object.path("type").asString(), strings(metadata.path("labels")),
                strings(metadata.path("annotations")), decodedData(object));
    }

    /** Answers 403 to every request of this Kubernetes verb: {@code get}, {@code create} or {@code patch}. */
    public synchronized void deny(String verb) {
        deniedVerbs.add(verb);
    }

    /** Answers 500 to the next {@code count} requests, whatever they are. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    /**
     * Runs {@code change} (for example {@link #putSecret}) just before the next {@code method} request is
     * answered, as another client changing a Secret between a program's read and its write would.
     */
    public synchronized void beforeNext(String method, Runnable change) {
        changesBeforeNext.put(method, change);
    }

    /** Every request received so far, in order, those refused included. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer = answer(method, path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            byte[] bytes = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private synchronized Answer answer(String method, String path, String authorization, String contentType, byte[] body) {
        requests.add(new Request(method, path));
        Runnable change = changesBeforeNext.remove(method);
        if (change != null) {
            change.run();
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return status(500, "InternalError", "an internal error the test asked for");
        }
        if (!("Bearer " + token).equals(authorization)) {
            return status(401, "Unauthorized", "Unauthorized");
        }
        Matcher matcher = SECRETS_PATH.matcher(path);
        if (!matcher.matches()) {
            return status(404, "NotFound", "the server could not find the requested resource");
        }
        String secretNamespace = matcher.group(1);
        String name = matcher.group(2);
        String verb = verb(method, name);
        if (verb == null) {
            return status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        if (deniedVerbs.contains(verb)) {
            return status(403, "Forbidden", "secrets%s is forbidden: User \"system:serviceaccount:%s:release-secrets\" cannot %s resource \"secrets\" in API group \"\" in the namespace \"%s\""
                    .formatted(name == null ? "" : " \"" + name + "\"", namespace, verb, secretNamespace));
        }
        try {
            return switch (verb) {
                case "get" -> get(secretNamespace, name);
                case "create" -> create(secretNamespace, JSON.readTree(body));
                default -> patch(secretNamespace, name, contentType, JSON.readTree(body));
            };
        } catch (JacksonException e) {
            return status(400, "BadRequest", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String verb(String method, String name) {
        return switch (method) {
            case "GET" -> name == null ? null : "get";
            case "POST" -> name == null ? "create" : null;
            case "PATCH" -> name == null ? null : "patch";
            default -> null;
        };
    }

    private Answer get(String secretNamespace, String name) {
        ObjectNode secret = secrets.get(secretNamespace + "/" + name);
        return secret == null ? notFound(name) : new Answer(200, secret.deepCopy());
    }

    private Answer create(String secretNamespace, JsonNode body) {
        String name = body.path("metadata").path("name").asString("");
        if (!body.isObject() || !"Secret".equals(body.path("kind").asString()) || name.isEmpty()) {
            return status(400, "BadRequest", "a Secret with metadata.name is required");
        }
        String bodyNamespace = body.path("metadata").path("namespace").asString(secretNamespace);
        if (!bodyNamespace.equals(secretNamespace)) {
            return status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request");
        }
        if (secrets.containsKey(secretNamespace + "/" + name)) {
            return status(409, "AlreadyExists", "secrets \"" + name + "\" already exists");
        }
        String invalid = invalidData(body);
        if (invalid != null) {
            return status(400, "BadRequest", invalid);
        }
        return new Answer(201, store(secretNamespace, name, ((ObjectNode) body).deepCopy()).deepCopy());
    }

    private Answer patch(String secretNamespace, String name, String contentType, JsonNode patch) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/merge-patch+json")) {
            return status(415, "UnsupportedMediaType", "the body of the request was in an unknown format");
        }
        ObjectNode current = secrets.get(secretNamespace + "/" + name);
        if (current == null) {
            return notFound(name);
        }
        JsonNode expectedVersion = patch.path("metadata").path("resourceVersion");
        if (!expectedVersion.isMissingNode()
                && !expectedVersion.asString().equals(current.path("metadata").path("resourceVersion").asString())) {
            return status(409, "Conflict", "Operation cannot be fulfilled on secrets \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and try again");
        }
        JsonNode patched = mergePatch(current.deepCopy(), patch);
        String invalid = patched.isObject() ? invalidData(patched) : "the patch does not leave an object";
        if (invalid != null) {
            return status(422, "Invalid", invalid);
        }
        return new Answer(200, store(secretNamespace, name, (ObjectNode) patched).deepCopy());
    }

    /** RFC 7386: objects merge key by key, null removes a key, anything else replaces. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                JsonNode existing = result.get(entry.getKey());
                result.set(entry.getKey(), mergePatch(existing == null ? JsonNodeFactory.instance.nullNode() : existing,
                        entry.getValue()));
            }
        }
        return result;
    }

    private static String invalidData(JsonNode secret) {
        for (Map.Entry<String, JsonNode> entry : secret.path("data").properties()) {
            try {
                Base64.getDecoder().decode(entry.getValue().asString());
            } catch (IllegalArgumentException e) {
                return "data[" + entry.getKey() + "]: illegal base64 data";
            }
        }
        return null;
    }

    private ObjectNode store(String secretNamespace, String name, ObjectNode secret) {
        ObjectNode metadata = secret.has("metadata") ? (ObjectNode) secret.get("metadata") : secret.putObject("metadata");
        metadata.put("name", name).put("namespace", secretNamespace).put("resourceVersion", String.valueOf(++resourceVersion));
        if (!metadata.has("uid")) {
            metadata.put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Instant.now().toString());
        }
        if (!secret.has("type")) {
            secret.put("type", "Opaque");
        }
        secrets.put(secretNamespace + "/" + name, secret);
        return secret;
    }

    private static Answer notFound(String name) {
        return status(404, "NotFound", "secrets \"" + name + "\" not found");
    }

    private static Answer status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return new Answer(code, status);
    }

    private static Map<String, String> decodedData(JsonNode secret) {
        Map<String, String> data = new LinkedHashMap<>();
        secret.path("data").properties().forEach(entry -> data.put(entry.getKey(),
                new String(Base64.getDecoder().decode(entry.getValue().asString()), StandardCharsets.UTF_8)));
        return data;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
        return values;
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private void writeServiceAccount(String caPem) throws IOException {
        Files.createDirectory(serviceAccountDir);
        Files.writeString(serviceAccountDir.resolve("token"), token);
        Files.writeString(serviceAccountDir.resolve("namespace"), namespace);
        Files.writeString(serviceAccountDir.resolve("ca.crt"), caPem);
        readableByEveryone(workDir, "rwxr-xr-x");
        readableByEveryone(serviceAccountDir, "rwxr-xr-x");
        for (String file : List.of("token", "namespace", "ca.crt")) {
            readableByEveryone(serviceAccountDir.resolve(file), "rw-r--r--");
        }
    }

    private static void readableByEveryone(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: no other user to let in
        }
    }

    /**
     * A key pair and self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool once per
     * JVM (a keytool run takes a while) and shared by every FakeKubernetesApi of it.
     */
    private record SelfSignedCertificate(KeyStore keyStore, char[] password, String pem) {

        private static final String ALIAS = "fake-kubernetes-api";
        private static SelfSignedCertificate forThisJvm;

        static synchronized SelfSignedCertificate forThisJvm()
                throws IOException, GeneralSecurityException, InterruptedException {
            if (forThisJvm == null) {
                forThisJvm = make();
            }
            return forThisJvm;
        }

        SSLContext sslContext() throws GeneralSecurityException {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        }

        private static SelfSignedCertificate make() throws IOException, GeneralSecurityException, InterruptedException {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            if (!Files.isExecutable(keytool)) {
                throw new IllegalStateException("FakeKubernetesApi makes its certificate with keytool, which "
                        + System.getProperty("java.home") + " lacks: run the tests on a JDK");
            }
            Path directory = Files.createTempDirectory("fake-kubernetes-api-certificate");
            Path keyStoreFile = directory.resolve("server.p12");
            char[] password = UUID.randomUUID().toString().toCharArray();
            try {
                ProcessBuilder command = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=fake-kubernetes-api",
                        "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", keyStoreFile.toString(),
                        "-storepass:env", "STORE_PASSWORD")
                        .redirectErrorStream(true);
                command.environment().put("STORE_PASSWORD", new String(password));
                Process process = command.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool could not make FakeKubernetesApi's certificate: " + output);
                }
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStoreFile)) {
                    keyStore.load(in, password);
                }
                return new SelfSignedCertificate(keyStore, password, pem(keyStore.getCertificate(ALIAS)));
            } finally {
                Files.deleteIfExists(keyStoreFile);
                Files.deleteIfExists(directory);
            }
        }

        private static String pem(Certificate certificate) throws GeneralSecurityException {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }
}

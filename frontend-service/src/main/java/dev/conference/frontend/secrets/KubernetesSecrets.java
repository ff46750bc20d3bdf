package dev.conference.frontend.secrets;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import tools.jackson.core.JacksonException;

/**
 * The Kubernetes API's Secrets of one namespace, as the Pod's ServiceAccount may use them: read one,
 * create one, merge-patch one's data.
 *
 * <p>Connection failures, 5xx and 429 answers are tried again, up to {@link #ATTEMPTS} times in all with
 * a growing pause; each retry is reported on {@code log}. Every other failure ends the run with a
 * {@link ReleaseSecretsException} naming the verb, the Secret and the API's message.
 */
final class KubernetesSecrets implements AutoCloseable {

    static final int ATTEMPTS = 5;
    // Five attempts of one request last at most 5 × REQUEST_TIMEOUT + 3.75 s of pauses: under 30 s.
    private static final List<Duration> PAUSES = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** A Secret as it is in the cluster: its version and its data, decoded. */
    record StoredSecret(String resourceVersion, Map<String, String> data) {

        @Override
        public String toString() {
            return "StoredSecret[resourceVersion=" + resourceVersion + ", keys=" + data.keySet() + "]";
        }
    }

    private final URI api;
    private final ServiceAccount account;
    private final HttpClient http;
    private final PrintStream log;

    KubernetesSecrets(URI api, ServiceAccount account, PrintStream log) {
        this.api = api;
        this.account = account;
        this.log = log;
        this.http = HttpClient.newBuilder()
                .sslContext(account.tls())
                .connectTimeout(CONNECT_TIMEOUT)
                // HTTP/1.1 as the test's API speaks it, so the tests run the protocol the cluster sees
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The API at {@code https://host:port}, as {@code KUBERNETES_SERVICE_HOST} and {@code _PORT} name it. */
    static URI apiAddress(String host, String port) {
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new ReleaseSecretsException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set"
                    + " (Kubernetes sets them in every Pod)");
        }
        String literal = host.contains(":") ? "[" + host.strip() + "]" : host.strip();
        try {
            return URI.create("https://" + literal + ":" + Integer.parseInt(port.strip()));
        } catch (IllegalArgumentException e) {
            throw new ReleaseSecretsException("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT do not make an"
                    + " address: " + host + ", " + port);
        }
    }

    String namespace() {
        return account.namespace();
    }

    Optional<StoredSecret> get(String name) {
        HttpResponse<String> response = send("get", name, request(secretPath(name)).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, "get", name);
        if (!(body(response, "get", name) instanceof Map<?, ?> secret)
                || !(secret.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("resourceVersion") instanceof String resourceVersion)) {
            throw new ReleaseSecretsException(what("get", name) + ": the API's answer is not a Secret");
        }
        return Optional.of(new StoredSecret(resourceVersion, decoded(secret.get("data"), name)));
    }

    /** Creates an Opaque Secret; false when one of that name exists already. */
    boolean create(String name, Map<String, String> labels, Map<String, String> annotations, Map<String, String> data) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("type", "Opaque");
        secret.put("metadata", metadata);
        secret.put("data", encoded(data));
        HttpResponse<String> response = send("create", name, request(secretsPath())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(secret))));
        if (response.statusCode() == 409) {
            return false;
        }
        expectSuccess(response, "create", name);
        return true;
    }

    /**
     * Sets and removes data keys with one JSON merge patch, only if the Secret is still at
     * {@code resourceVersion}; false when it has changed or gone since.
     */
    boolean patchData(String name, String resourceVersion, Map<String, String> set, Set<String> remove) {
        Map<String, Object> data = new LinkedHashMap<>(encoded(set));
        remove.forEach(key -> data.put(key, null)); // null removes a key in a merge patch
        Map<String, Object> patch = new LinkedHashMap<>();
        // the API refuses the patch with 409 if the Secret is no longer at this version
        patch.put("metadata", Map.of("resourceVersion", resourceVersion));
        patch.put("data", data);
        HttpResponse<String> response = send("patch", name, request(secretPath(name))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(patch))));
        if (response.statusCode() == 409 || response.statusCode() == 404) {
            return false;
        }
        expectSuccess(response, "patch", name);
        return true;
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<String> send(String verb, String name, HttpRequest.Builder request) {
        HttpRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            String problem;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (!isTransient(response.statusCode())) {
                    return response;
                }
                problem = answered(response);
            } catch (IOException e) {
                if (isUntrustedCertificate(e)) {
                    throw new ReleaseSecretsException(what(verb, name) + ": the Kubernetes API at " + api
                            + " presented a certificate that the ServiceAccount's ca.crt does not vouch for: " + e.getMessage());
                }
                problem = "cannot reach the Kubernetes API at " + api + ": " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReleaseSecretsException(what(verb, name) + ": interrupted");
            }
            if (attempt == ATTEMPTS) {
                throw new ReleaseSecretsException(what(verb, name) + ": " + problem + " (gave up after " + ATTEMPTS + " attempts)");
            }
            Duration pause = PAUSES.get(attempt - 1);
            log.println(what(verb, name) + ": " + problem + "; trying again in " + pause.toMillis() + " ms (attempt "
                    + (attempt + 1) + " of " + ATTEMPTS + ")");
            sleep(pause);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + account.token())
                .header("Accept", "application/json")
                .header("User-Agent", "release-secrets");
    }

    private String secretsPath() {
        return "/api/v1/namespaces/" + account.namespace() + "/secrets";
    }

    private String secretPath(String name) {
        return secretsPath() + "/" + name;
    }

    private void expectSuccess(HttpResponse<String> response, String verb, String name) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ReleaseSecretsException("the Job's ServiceAccount may not " + verb + " Secret " + name + " in "
                    + account.namespace() + ": check the chart's Role (" + answered(response) + ")");
        }
        if (status < 200 || status > 299) {
            throw new ReleaseSecretsException(what(verb, name) + ": " + answered(response));
        }
    }

    private Object body(HttpResponse<String> response, String verb, String name) {
        try {
            return Json.read(response.body());
        } catch (JacksonException e) {
            throw new ReleaseSecretsException(what(verb, name) + ": the API's answer is not JSON");
        }
    }

    /**
     * The status and the message of a Kubernetes {@code Status} answer; never the rest of a body, which
     * might echo data.
     */
    private static String answered(HttpResponse<String> response) {
        String status = "the API answered " + response.statusCode();
        try {
            return Json.read(response.body()) instanceof Map<?, ?> answer && answer.get("message") instanceof String message
                    && !message.isBlank() ? status + ": " + message.strip() : status;
        } catch (JacksonException e) {
            return status;
        }
    }

    private String what(String verb, String name) {
        return verb + " Secret " + name + " in " + account.namespace();
    }

    private static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    private static boolean isUntrustedCertificate(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private Map<String, String> decoded(Object data, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        if (data instanceof Map<?, ?> encoded) {
            encoded.forEach((key, value) -> {
                try {
                    values.put((String) key, new String(Base64.getDecoder().decode((String) value), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException | ClassCastException e) {
                    // the decoder's message quotes a character of the value
                    throw new ReleaseSecretsException(what("get", name) + ": the value of key " + key + " is not base64");
                }
            });
        }
        return values;
    }

    private static Map<String, String> encoded(Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((key, value) -> encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseSecretsException("interrupted while waiting to try again");
        }
    }
}

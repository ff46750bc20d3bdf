package dev.conference.frontend.secrets;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the Secrets a release needs exist, generating only the values that are missing, so that
 * rendering and installing the charts again never changes a password. The charts run it as a hook Job
 * before each install and upgrade:
 * <pre>java -cp /app/app.jar dev.conference.frontend.secrets.ReleaseSecrets</pre>
 * It reads the Secrets to make from {@code RELEASE_SECRETS} (see {@link SecretSpecReader}) and talks to
 * the Kubernetes API with the Pod's ServiceAccount. It starts no Spring context.
 *
 * <p>For each Secret, in order: a missing Secret is created with all its keys; an existing one keeps every
 * value it has, gets the keys it lacks, and, with {@code prune}, loses the keys not listed; a bcrypt hash is
 * made again when the password it hashes was made in this run. One line per Secret goes to standard
 * output, never a value; a failure ends the run with exit code 1 and one line on standard error.
 */
public final class ReleaseSecrets {

    static final String SECRETS_VARIABLE = "RELEASE_SECRETS";
    static final String SERVICE_ACCOUNT_DIR_VARIABLE = "SERVICE_ACCOUNT_DIR";
    // A Secret changed by someone else between our read and our write is read again; not forever.
    private static final int ROUNDS = 3;

    private final KubernetesSecrets kubernetes;
    private final SecretValues values = new SecretValues();
    private final PrintStream out;

    private ReleaseSecrets(KubernetesSecrets kubernetes, PrintStream out) {
        this.kubernetes = kubernetes;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /** One run with this environment; the exit code. */
    static int run(Map<String, String> environment, PrintStream out, PrintStream err) {
        try {
            List<SecretSpec> specs = SecretSpecReader.read(SECRETS_VARIABLE, environment.get(SECRETS_VARIABLE));
            ServiceAccount account = ServiceAccount.readFrom(serviceAccountDirectory(environment));
            URI api = KubernetesSecrets.apiAddress(environment.get("KUBERNETES_SERVICE_HOST"),
                    environment.get("KUBERNETES_SERVICE_PORT"));
            try (KubernetesSecrets kubernetes = new KubernetesSecrets(api, account, err)) {
                ReleaseSecrets run = new ReleaseSecrets(kubernetes, out);
                specs.forEach(spec -> out.println(run.ensure(spec)));
            }
            return 0;
        } catch (ReleaseSecretsException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("unexpected failure: " + e);
            return 1;
        }
    }

    private static Path serviceAccountDirectory(Map<String, String> environment) {
        String directory = environment.get(SERVICE_ACCOUNT_DIR_VARIABLE);
        return directory == null || directory.isBlank() ? ServiceAccount.POD_DIRECTORY : Path.of(directory);
    }

    /** Brings one Secret to its spec; what was done, as the line to print. */
    private String ensure(SecretSpec spec) {
        for (int round = 1; round <= ROUNDS; round++) {
            Optional<KubernetesSecrets.StoredSecret> stored = kubernetes.get(spec.name());
            if (stored.isEmpty()) {
                SecretPlan plan = SecretPlan.of(spec, Map.of(), values);
                if (kubernetes.create(spec.name(), spec.labels(), spec.annotations(), plan.writes())) {
                    values.settle(spec.name(), plan.writes());
                    return "created Secret " + spec.name() + " (keys: " + String.join(", ", plan.writes().keySet()) + ")";
                }
                continue; // made by someone else meanwhile: read it
            }
            Map<String, String> data = stored.get().data();
            SecretPlan plan = SecretPlan.of(spec, data, values);
            if (plan.changesNothing()) {
                values.settle(spec.name(), data);
                return "kept Secret " + spec.name();
            }
            if (kubernetes.patchData(spec.name(), stored.get().resourceVersion(), plan.writes(), plan.removed())) {
                values.settle(spec.name(), plan.applyTo(data));
                return "updated Secret " + spec.name() + " (" + plan.summary() + ")";
            }
        }
        throw new ReleaseSecretsException("Secret " + spec.name() + " in " + kubernetes.namespace()
                + " changed under this run " + ROUNDS + " times between reading and writing it; run again");
    }
}

package dev.conference.frontend.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a Pod knows about its ServiceAccount, read from the mounted directory: the namespace, the token to
 * send, and TLS that trusts exactly the cluster's CA ({@code ca.crt}, one or more PEM certificates).
 */
record ServiceAccount(String namespace, String token, SSLContext tls) {

    static final Path POD_DIRECTORY = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static ServiceAccount readFrom(Path directory) {
        String namespace = read(directory.resolve("namespace")).strip();
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new ReleaseSecretsException(directory.resolve("namespace") + " does not hold a namespace name");
        }
        String token = read(directory.resolve("token")).strip();
        if (token.isEmpty()) {
            throw new ReleaseSecretsException(directory.resolve("token") + " is empty");
        }
        return new ServiceAccount(namespace, token, trusting(directory.resolve("ca.crt")));
    }

    @Override
    public String toString() {
        return "ServiceAccount[namespace=" + namespace + "]";
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ReleaseSecretsException(caFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (CertificateException e) {
            throw new ReleaseSecretsException(caFile + " is not a PEM certificate list: " + e.getMessage());
        } catch (IOException e) {
            throw cannotRead(caFile, e);
        } catch (GeneralSecurityException e) {
            throw new ReleaseSecretsException("cannot set up TLS with " + caFile + ": " + e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    private static ReleaseSecretsException cannotRead(Path file, IOException e) {
        return new ReleaseSecretsException("cannot read " + file + " (" + e.getClass().getSimpleName()
                + "): is the ServiceAccount token mounted?");
    }
}

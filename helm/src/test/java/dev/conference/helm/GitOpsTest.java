package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD Application in deploy/argocd/ and the real cluster's values it installs with. The
 * "production" variant of the other chart tests is exactly what it renders, and SchemaValidationTest
 * validates the Application against Argo CD's schema.
 */
class GitOpsTest {

    @Test
    void theApplicationRendersTheUmbrellaFromThisRepositoryWithValuesThatExist() throws IOException {
        Map<String, Object> application = Serialization.unmarshal(Files.readString(Charts.root().resolve(Charts.ARGO_CD_APPLICATION)), Map.class);
        Map<String, Object> source = map(map(application, "spec"), "source");
        assertThat(Charts.root().resolve((String) source.get("path")).normalize()).isEqualTo(Charts.source("conference-platform"));
        Map<String, Object> helm = map(source, "helm");
        assertThat(helm).containsEntry("releaseName", Charts.RELEASE);
        for (Path values : Charts.argoCdValues()) {
            assertThat(values).as("values file").exists();
            assertThat(values.normalize().startsWith(Charts.root())).as("%s lies in the repository, where Argo CD finds it", values).isTrue();
        }
        assertThat(map(map(application, "spec"), "destination")).containsEntry("namespace", Charts.NAMESPACE);
        assertThat(map(map(map(application, "spec"), "syncPolicy"), "automated")).containsEntry("prune", true).containsEntry("selfHeal", true);
    }

    @Test
    void theRealClustersValuesPinOneBuildUseExternalStoresAndAllowOnlyWhatTheyName() {
        Manifests m = Charts.umbrella(Charts.PRODUCTION);
        for (String service : Charts.SERVICES) {
            var container = m.workload(service).pod().getContainers().getFirst();
            assertThat(container.getImage()).as(service).matches("ghcr\\.io/conference-platform/conference-platform/" + service
                    + ":\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?-[0-9a-f]{7,}");
            assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        }
        assertThat(m.all(StatefulSet.class)).as("managed stores").isEmpty();
        assertThat(m.generatedSecretSpecs()).as("every Secret is the operator's").isEmpty();
        assertThat(m.workloads()).as("Argo CD runs no helm test").noneMatch(w -> w.component().endsWith("-test"));
        Ingress ingress = m.all(Ingress.class).getFirst();
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        assertThat(m.environmentValue(m.workload("frontend-service").pod().getContainers().getFirst(), "SERVER_REACTIVE_SESSION_COOKIE_SECURE"))
                .contains("true");
        assertThat(m.ofKind("ServiceMonitor")).hasSize(Charts.SERVICES.size());
        assertThat(m.ofKind("PrometheusRule")).as("the objectives' alerts").hasSize(1);
        assertThat(m.all(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertThat(child).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) child;
    }
}

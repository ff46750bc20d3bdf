package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.helm.Manifests.Workload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The opt-in canary of frontend-service with Argo Rollouts (ci/canary-values.yaml). */
class ProgressiveDeliveryTest {

    private static final String FRONTEND = Charts.RELEASE + "-frontend-service";

    @Test
    void theFrontendsPodsAreOwnedByARolloutWithTheSamePodTemplateAsTheDeployment() {
        Manifests canary = Charts.umbrella("canary");
        assertThat(canary.find(Deployment.class, FRONTEND)).isEmpty();
        Workload rollout = canary.workload("frontend-service");
        assertThat(rollout.kind()).isEqualTo("Rollout");
        assertThat(rollout.owner().getApiVersion()).isEqualTo("argoproj.io/v1alpha1");

        Workload deployment = Charts.umbrella("default").workload("frontend-service");
        assertThat(Serialization.asJson(rollout.pod())).isEqualTo(Serialization.asJson(deployment.pod()));
        assertThat(rollout.podLabels()).isEqualTo(deployment.podLabels());
        assertThat(canary.workload("c4p-service").kind()).as("the other services stay Deployments").isEqualTo("Deployment");
    }

    @Test
    void aNewVersionIsACanaryCheckedAllAlongByItsOwn5xxRatio() {
        Manifests m = Charts.umbrella("canary");
        GenericKubernetesResource rollout = (GenericKubernetesResource) m.workload("frontend-service").owner();
        Map<String, Object> canary = rollout.get("spec", "strategy", "canary");
        assertThat(canary).containsEntry("maxUnavailable", 0);
        List<Map<String, Object>> steps = rollout.get("spec", "strategy", "canary", "steps");
        assertThat(steps).first().isEqualTo(Map.of("setWeight", 25));
        Map<String, Object> analysis = rollout.get("spec", "strategy", "canary", "analysis");
        assertThat(analysis).containsEntry("startingStep", 1);
        assertThat(Serialization.asJson(analysis)).contains("\"podTemplateHashValue\":\"Latest\"", "\"name\":\"canary-hash\"");
        String templateName = rollout.get("spec", "strategy", "canary", "analysis", "templates", 0, "templateName");

        GenericKubernetesResource template = (GenericKubernetesResource) m.ofKind("AnalysisTemplate").stream()
                .filter(t -> t.getMetadata().getName().equals(templateName)).findFirst()
                .orElseThrow(() -> new AssertionError("AnalysisTemplate " + templateName + " is not rendered"));
        Map<String, Object> metric = template.get("spec", "metrics", 0);
        assertThat(metric).containsEntry("failureLimit", 0).containsEntry("successCondition", "result[0] <= 0.01");
        String query = template.get("spec", "metrics", 0, "provider", "prometheus", "query");
        assertThat(query).contains("http_server_requests_seconds_count{namespace=\"conference\", application=\"frontend-service\", "
                        + "rollouts_pod_template_hash=\"{{args.canary-hash}}\", status=~\"5..\"}[2m]")
                .contains("or on() vector(0)");
        assertThat((String) template.get("spec", "metrics", 0, "provider", "prometheus", "address"))
                .isEqualTo("http://kube-prometheus-stack-prometheus.monitoring:9090");

        GenericKubernetesResource monitor = (GenericKubernetesResource) m.ofKind("ServiceMonitor").stream()
                .filter(s -> s.getMetadata().getName().equals(FRONTEND)).findFirst().orElseThrow();
        assertThat((List<String>) monitor.get("spec", "podTargetLabels"))
                .as("the canary's series carry its pod template hash").containsExactly("rollouts-pod-template-hash");
    }

    @Test
    void anAutoscaledCanaryScalesTheRollout() {
        Manifests m = Charts.umbrella(Map.of("frontend-service.rollout.enabled", "true", "global.serviceMonitor.enabled", "true",
                "frontend-service.autoscaling.enabled", "true"));
        HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, FRONTEND);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Rollout");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
    }

    @Test
    void aCanaryWithoutMetricsIsRefused() {
        assertThatThrownBy(() -> Charts.umbrella(Map.of("frontend-service.rollout.enabled", "true")))
                .hasMessageContaining("serviceMonitor.enabled");
    }

    @Test
    void withoutTheOptInNothingOfArgoRolloutsIsRendered() {
        Manifests m = Charts.umbrella("default");
        assertThat(m.resources()).noneMatch(r -> r.getApiVersion().startsWith("argoproj.io/"));
    }
}

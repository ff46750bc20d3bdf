package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the platform is reached, scaled, watched and checked in each variant. */
class ExposureAndScalingTest {

    private static final String FRONTEND = Charts.RELEASE + "-frontend-service";

    @Test
    void theIngressSendsEverythingToTheFrontendsHttpPort() {
        Manifests m = Charts.umbrella("default");
        Ingress ingress = m.all(Ingress.class).getFirst();
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("traefik");
        var path = ingress.getSpec().getRules().getFirst().getHttp().getPaths().getFirst();
        assertThat(path.getPath()).isEqualTo("/");
        assertThat(path.getPathType()).isEqualTo("Prefix");
        assertThat(path.getBackend().getService().getName()).isEqualTo(FRONTEND);
        assertThat(m.get(Service.class, FRONTEND).getSpec().getPorts())
                .anyMatch(p -> p.getName().equals(path.getBackend().getService().getPort().getName()));
        assertThat(m.all(HTTPRoute.class)).isEmpty();
        assertThat(m.all(Service.class)).as("nothing else is exposed").allMatch(s -> "ClusterIP".equals(s.getSpec().getType()));
    }

    @Test
    void theGatewayVariantRoutesThroughAnHttpRouteInstead() {
        Manifests m = Charts.umbrella("gateway");
        assertThat(m.all(Ingress.class)).isEmpty();
        HTTPRoute route = m.all(HTTPRoute.class).getFirst();
        assertThat(route.getSpec().getParentRefs()).singleElement()
                .satisfies(p -> assertThat(List.of(p.getName(), p.getNamespace(), p.getSectionName())).containsExactly("traefik-gateway", "traefik", "web"));
        assertThat(route.getSpec().getHostnames()).containsExactly("conference.localtest.me");
        var backend = route.getSpec().getRules().getFirst().getBackendRefs().getFirst();
        assertThat(backend.getName()).isEqualTo(FRONTEND);
        assertThat(m.get(Service.class, FRONTEND).getSpec().getPorts()).anyMatch(p -> p.getPort().equals(backend.getPort()));
    }

    @Test
    void theHaVariantAutoscalesEveryServiceAndKeepsPodsThroughDrains() {
        Manifests m = Charts.umbrella("ha");
        for (String service : Charts.SERVICES) {
            String name = Charts.RELEASE + "-" + service;
            HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getMinReplicas()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).as(service).isGreaterThan(hpa.getSpec().getMinReplicas());
            assertThat(m.get(Deployment.class, name).getSpec().getReplicas()).as(service).isNull();
            PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, name);
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as(service).isPositive().isLessThan(hpa.getSpec().getMinReplicas());
        }
    }

    @Test
    void byDefaultEveryServiceRunsTwoReplicasWithABudgetAndStoresRunOne() {
        Manifests m = Charts.umbrella("default");
        for (String service : Charts.SERVICES) {
            assertThat(m.get(Deployment.class, Charts.RELEASE + "-" + service).getSpec().getReplicas()).as(service).isEqualTo(2);
            assertThat(m.get(PodDisruptionBudget.class, Charts.RELEASE + "-" + service).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }
        assertThat(m.all(StatefulSet.class)).extracting(s -> s.getSpec().getReplicas()).containsOnly(1);
        assertThat(m.all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    @Test
    void theObservabilityVariantScrapesEveryServiceAndSwitchesTheAgentOn() {
        Manifests m = Charts.umbrella("observability");
        List<GenericKubernetesResource> monitors = m.ofKind("ServiceMonitor").stream().map(GenericKubernetesResource.class::cast).toList();
        assertThat(monitors).hasSize(Charts.SERVICES.size());
        for (GenericKubernetesResource monitor : monitors) {
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
            Map<String, Object> endpoint = ((List<Map<String, Object>>) monitor.get("spec", "endpoints")).getFirst();
            assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        }
        for (String service : Charts.SERVICES) {
            var container = m.workload(service).pod().getContainers().getFirst();
            assertThat(m.environmentValue(container, "JAVA_TOOL_OPTIONS")).get().asString().contains("-javaagent:" + Dockerfiles.OTEL_AGENT_PATH);
            assertThat(m.environmentValue(container, "OTEL_SERVICE_NAME")).contains(service);
            assertThat(m.environmentValue(container, "OTEL_EXPORTER_OTLP_ENDPOINT")).contains("http://otel-collector.observability:4318");
        }
        Manifests plain = Charts.umbrella("default");
        for (String service : Charts.SERVICES) {
            assertThat(plain.environmentNames(plain.workload(service).pod().getContainers().getFirst()))
                    .as("%s: the agent is off unless switched on", service).noneMatch(n -> n.startsWith("OTEL_"));
            assertThat(plain.environmentValue(plain.workload(service).pod().getContainers().getFirst(), "JAVA_TOOL_OPTIONS"))
                    .as("%s: the agent is off unless switched on", service).get().asString().doesNotContain("-javaagent");
        }
        assertThat(plain.ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void theConsistencyCheckPostsToC4pOnASchedule() {
        Manifests m = Charts.umbrella("default");
        CronJob job = m.get(CronJob.class, Charts.RELEASE + "-c4p-service-consistency-check");
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        var container = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getArgs()).contains("POST", "--fail-with-body")
                .last().isEqualTo("http://" + Charts.RELEASE + "-c4p-service:8080/consistency-checks");
        assertThat(container.getImage()).startsWith("curlimages/curl:8.");
    }

    @Test
    void theHelmTestChecksTheSiteAndTheApiThroughTheFrontend() {
        Manifests m = Charts.umbrella("default");
        var test = m.workload("conference-platform-test");
        assertThat(test.owner().getMetadata().getAnnotations()).containsEntry(Charts.HOOK_MARKER, "test");
        String script = String.join("\n", test.pod().getContainers().getFirst().getCommand());
        assertThat(script).contains("http://" + FRONTEND + ":8080/", "/api/agenda", "/api/proposals");
        for (String service : Charts.SERVICES) {
            assertThat(m.workloads()).as("the service charts' own tests are off in the umbrella")
                    .noneMatch(w -> w.component().equals(service + "-test"));
        }
    }

    @Test
    void theGrafanaDashboardIsValidJsonForTheSidecar() {
        ConfigMap dashboard = Charts.umbrella("default").get(ConfigMap.class, Charts.RELEASE + "-grafana-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        Map<?, ?> json = Serialization.unmarshal(dashboard.getData().get("conference-platform.json"), Map.class);
        assertThat(json.get("title")).isEqualTo("Conference Platform");
        assertThat(json.get("panels").toString()).contains("outbox_backlog", "proposals_submitted_total", "emails_failed_total",
                "http_server_requests_seconds_count", "jvm_memory_used_bytes", "resilience4j_circuitbreaker_state");
    }

    @Test
    void theExternalVariantRunsNoStoreAndPointsTheServicesAtTheOperatorsOnes() {
        Manifests m = Charts.umbrella("external");
        assertThat(m.all(StatefulSet.class)).isEmpty();
        assertThat(m.workloads()).noneMatch(w -> w.component().equals("mailpit"));
        var c4p = m.workload("c4p-service").pod().getContainers().getFirst();
        assertThat(m.environmentValue(c4p, "SPRING_DATASOURCE_URL")).contains("jdbc:postgresql://c4p-db.example.internal:5432/c4p?sslmode=require");
        var email = m.workload("email-service").pod().getContainers().getFirst();
        assertThat(m.environmentValue(email, "SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED")).contains("true");
        assertThat(email.getEnv()).anyMatch(e -> e.getName().equals("SPRING_MAIL_PASSWORD")
                && e.getValueFrom().getSecretKeyRef().getName().equals("smtp-credentials"));
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.helm.Manifests.Workload;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * With NetworkPolicies on, the release allows exactly the platform's call graph: every edge needs the
 * caller's egress and the callee's ingress, and nothing else is open.
 */
class NetworkPolicyTest {

    private static final String DNS = "dns";

    /** Who may call whom inside the release, on which port. */
    private static final Set<String> CALL_GRAPH = Set.of(
            "namespace:traefik -> frontend-service:8080/TCP",
            "conference-platform-test -> frontend-service:8080/TCP",
            "frontend-service -> c4p-service:8080/TCP",
            "frontend-service -> agenda-service:8080/TCP",
            "frontend-service -> redis:6379/TCP",
            "c4p-service -> agenda-service:8080/TCP",
            "c4p-service -> email-service:8080/TCP",
            "c4p-service -> postgresql:5432/TCP",
            "c4p-consistency-check -> c4p-service:8080/TCP",
            "agenda-service -> redis:6379/TCP",
            "email-service -> mailpit:1025/TCP",
            // The secrets Jobs: only the Kubernetes API (global.networkPolicy.kubernetesApi).
            "platform-secrets -> ip:0.0.0.0/0:443/TCP",
            "platform-secrets -> ip:0.0.0.0/0:6443/TCP",
            "frontend-service-secrets -> ip:0.0.0.0/0:443/TCP",
            "frontend-service-secrets -> ip:0.0.0.0/0:6443/TCP");

    @Test
    void theReleaseAllowsExactlyThePlatformsCallGraphAndDns() {
        Manifests m = Charts.umbrella("default");
        List<Workload> pods = m.workloads();
        Set<String> components = new TreeSet<>();
        pods.forEach(w -> components.add(w.component()));

        Set<String> egress = new TreeSet<>();
        Set<String> ingress = new TreeSet<>();
        for (NetworkPolicy np : m.all(NetworkPolicy.class)) {
            List<String> selected = pods.stream().filter(w -> Manifests.selects(np.getSpec().getPodSelector(), w.podLabels()))
                    .map(Workload::component).distinct().toList();
            for (String self : selected) {
                for (var rule : nullToEmpty(np.getSpec().getEgress())) {
                    for (String peer : peers(rule.getTo(), pods)) {
                        for (String port : ports(rule.getPorts())) {
                            egress.add(self + " -> " + peer + ":" + port);
                        }
                    }
                }
                for (var rule : nullToEmpty(np.getSpec().getIngress())) {
                    for (String peer : peers(rule.getFrom(), pods)) {
                        for (String port : ports(rule.getPorts())) {
                            ingress.add(peer + " -> " + self + ":" + port);
                        }
                    }
                }
            }
        }

        Set<String> expectedEgress = new TreeSet<>();
        Set<String> expectedIngress = new TreeSet<>();
        for (String edge : CALL_GRAPH) {
            String caller = edge.substring(0, edge.indexOf(" -> "));
            if (components.contains(caller)) {
                expectedEgress.add(edge);
            }
            if (!edge.contains(" -> ip:")) {
                expectedIngress.add(edge);
            }
        }
        for (String component : components) {
            expectedEgress.add(component + " -> " + DNS + ":53/UDP");
            expectedEgress.add(component + " -> " + DNS + ":53/TCP");
        }
        assertThat(egress).as("egress allowed by the policies").containsExactlyInAnyOrderElementsOf(expectedEgress);
        assertThat(ingress).as("ingress allowed by the policies").containsExactlyInAnyOrderElementsOf(expectedIngress);
    }

    @Test
    void everyPodOfTheReleaseIsIsolatedBothWays() {
        Manifests m = Charts.umbrella("default");
        NetworkPolicy deny = m.get(NetworkPolicy.class, Charts.RELEASE + "-default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        for (Workload w : m.workloads()) {
            assertThat(Manifests.selects(deny.getSpec().getPodSelector(), w.podLabels())).as("default deny selects %s", w).isTrue();
            assertThat(m.all(NetworkPolicy.class).stream()
                    .filter(np -> np != deny && Manifests.selects(np.getSpec().getPodSelector(), w.podLabels())))
                    .as("%s has a policy of its own for both directions", w)
                    .singleElement()
                    .matches(np -> np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
        }
    }

    @Test
    void networkPoliciesAreOnUnlessTheOperatorTurnsThemOff() {
        assertThat(Charts.umbrella("default").all(NetworkPolicy.class)).hasSizeGreaterThan(Charts.SERVICES.size());
        for (String service : Charts.SERVICES) {
            assertThat(Manifests.parse(Charts.render(service, List.of(), Map.of())).all(NetworkPolicy.class))
                    .as("%s on its own", service).anyMatch(np -> np.getMetadata().getName().equals(Charts.RELEASE + "-" + service));
        }
        assertThat(Charts.umbrella(Map.of("global.networkPolicy.enabled", "false")).all(NetworkPolicy.class))
                .as("the umbrella's switch decides for every chart").isEmpty();
    }

    @Test
    void prometheusAndTheCollectorAreAllowedOnlyWhereTheOperatorSaysSo() {
        Manifests m = Charts.umbrella("observability");
        for (String service : Charts.SERVICES) {
            NetworkPolicy np = m.get(NetworkPolicy.class, Charts.RELEASE + "-" + service);
            var fromMonitoring = np.getSpec().getIngress().stream().filter(rule -> rule.getFrom().stream()
                    .anyMatch(p -> p.getNamespaceSelector() != null
                            && "monitoring".equals(p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))).toList();
            assertThat(fromMonitoring).as("%s: Prometheus reaches the management port, and only that", service).singleElement()
                    .satisfies(rule -> assertThat(ports(rule.getPorts())).containsExactly("9090/TCP"));
            assertThat(np.getSpec().getEgress()).anyMatch(rule -> rule.getTo().stream().anyMatch(p -> p.getNamespaceSelector() != null
                    && "observability".equals(p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))));
        }
    }

    /** Names for the peers of a rule; "*" for a rule without peers, which would allow everything. */
    private static List<String> peers(List<NetworkPolicyPeer> peers, List<Workload> pods) {
        if (peers == null || peers.isEmpty()) {
            return List.of("*");
        }
        List<String> names = new ArrayList<>();
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                names.add("ip:" + peer.getIpBlock().getCidr());
            } else if (peer.getNamespaceSelector() != null) {
                Map<String, String> ns = peer.getNamespaceSelector().getMatchLabels();
                Map<String, String> pod = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
                if ("kube-system".equals(ns.get("kubernetes.io/metadata.name")) && "kube-dns".equals(pod.get("k8s-app"))) {
                    names.add(DNS);
                } else {
                    names.add("namespace:" + ns.getOrDefault("kubernetes.io/metadata.name", ns.toString()) + (pod.isEmpty() ? "" : pod.toString()));
                }
            } else {
                List<String> selected = pods.stream().filter(w -> Manifests.selects(peer.getPodSelector(), w.podLabels()))
                        .map(Workload::component).distinct().toList();
                assertThat(selected).as("peer %s selects pods of the release", peer.getPodSelector()).isNotEmpty();
                names.addAll(selected);
            }
        }
        return names;
    }

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        if (ports == null || ports.isEmpty()) {
            return List.of("*");
        }
        return ports.stream().map(p -> (p.getPort().getIntVal() != null ? p.getPort().getIntVal().toString() : p.getPort().getStrVal())
                + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol())).toList();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

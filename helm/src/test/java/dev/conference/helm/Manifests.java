package dev.conference.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A rendered release, parsed with the fabric8 model. */
public record Manifests(List<HasMetadata> resources) {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    /** A pod template and what owns it. */
    public record Workload(HasMetadata owner, PodSpec pod, Map<String, String> podLabels, Map<String, String> podAnnotations) {

        public String kind() {
            return owner.getKind();
        }

        public String name() {
            return owner.getMetadata().getName();
        }

        /** The app.kubernetes.io/name of its pods: the component in the call graph. */
        public String component() {
            return podLabels.get("app.kubernetes.io/name");
        }

        public boolean longRunning() {
            return owner instanceof Deployment || owner instanceof StatefulSet || isRollout(owner);
        }

        public List<Container> allContainers() {
            List<Container> all = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                all.addAll(pod.getInitContainers());
            }
            return all;
        }

        @Override
        public String toString() {
            return kind() + "/" + name();
        }
    }

    public static Manifests parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            boolean empty = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (!empty) {
                resources.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return new Manifests(List.copyOf(resources));
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " is not rendered"));
    }

    public List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata r : resources) {
            if (r instanceof Deployment d) {
                var t = d.getSpec().getTemplate();
                workloads.add(new Workload(d, t.getSpec(), labels(t.getMetadata().getLabels()), labels(t.getMetadata().getAnnotations())));
            } else if (r instanceof StatefulSet s) {
                var t = s.getSpec().getTemplate();
                workloads.add(new Workload(s, t.getSpec(), labels(t.getMetadata().getLabels()), labels(t.getMetadata().getAnnotations())));
            } else if (r instanceof Job j) {
                var t = j.getSpec().getTemplate();
                workloads.add(new Workload(j, t.getSpec(), labels(t.getMetadata().getLabels()), labels(t.getMetadata().getAnnotations())));
            } else if (r instanceof CronJob c) {
                var t = c.getSpec().getJobTemplate().getSpec().getTemplate();
                workloads.add(new Workload(c, t.getSpec(), labels(t.getMetadata().getLabels()), labels(t.getMetadata().getAnnotations())));
            } else if (r instanceof Pod p) {
                workloads.add(new Workload(p, p.getSpec(), labels(p.getMetadata().getLabels()), labels(p.getMetadata().getAnnotations())));
            } else if (isRollout(r)) {
                var t = rolloutTemplate(r);
                workloads.add(new Workload(r, t.getSpec(), labels(t.getMetadata().getLabels()), labels(t.getMetadata().getAnnotations())));
            }
        }
        return workloads;
    }

    /** An Argo Rollouts Rollout: a Deployment's pods under another owner. */
    public static boolean isRollout(HasMetadata resource) {
        return "Rollout".equals(resource.getKind()) && resource.getApiVersion().startsWith("argoproj.io/");
    }

    /** A Rollout's spec.selector. */
    public static LabelSelector rolloutSelector(HasMetadata rollout) {
        Object selector = ((GenericKubernetesResource) rollout).get("spec", "selector");
        return Serialization.unmarshal(Serialization.asJson(selector), LabelSelector.class);
    }

    private static PodTemplateSpec rolloutTemplate(HasMetadata rollout) {
        Object template = ((GenericKubernetesResource) rollout).get("spec", "template");
        return Serialization.unmarshal(Serialization.asJson(template), PodTemplateSpec.class);
    }

    public Workload workload(String component) {
        return workloads().stream().filter(w -> component.equals(w.component())).findFirst()
                .orElseThrow(() -> new AssertionError("no workload of component " + component));
    }

    /** The environment variable names a container gets: its env entries and the keys of the ConfigMaps and Secrets it takes whole. */
    Set<String> environmentNames(Container container) {
        Set<String> names = new LinkedHashSet<>();
        if (container.getEnvFrom() != null) {
            for (var from : container.getEnvFrom()) {
                String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
                if (from.getConfigMapRef() != null) {
                    get(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet().forEach(k -> names.add(prefix + k));
                }
                if (from.getSecretRef() != null) {
                    get(Secret.class, from.getSecretRef().getName()).getData().keySet().forEach(k -> names.add(prefix + k));
                }
            }
        }
        if (container.getEnv() != null) {
            container.getEnv().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    /** The value a container sees for a variable set literally or through a ConfigMap. */
    Optional<String> environmentValue(Container container, String name) {
        if (container.getEnv() != null) {
            for (var env : container.getEnv()) {
                if (env.getName().equals(name) && env.getValue() != null) {
                    return Optional.of(env.getValue());
                }
            }
        }
        if (container.getEnvFrom() != null) {
            for (var from : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    String value = get(ConfigMap.class, from.getConfigMapRef().getName()).getData().get(name);
                    if (value != null) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Everything a container finds in its environment, as the kubelet would set it: the ConfigMaps and
     * Secrets it takes whole, then its env entries, literal or from a ConfigMap or Secret key.
     */
    public Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            for (var from : container.getEnvFrom()) {
                String prefix = Objects.requireNonNullElse(from.getPrefix(), "");
                if (from.getConfigMapRef() != null) {
                    get(ConfigMap.class, from.getConfigMapRef().getName()).getData()
                            .forEach((k, v) -> environment.put(prefix + k, v));
                }
                if (from.getSecretRef() != null) {
                    secretData(from.getSecretRef().getName()).forEach((k, v) -> environment.put(prefix + k, v));
                }
            }
        }
        if (container.getEnv() != null) {
            for (var env : container.getEnv()) {
                var source = env.getValueFrom();
                if (source == null) {
                    environment.put(env.getName(), Objects.requireNonNullElse(env.getValue(), ""));
                } else if (source.getSecretKeyRef() != null) {
                    var ref = source.getSecretKeyRef();
                    environment.put(env.getName(), required(secretData(ref.getName()), ref.getKey(), "Secret " + ref.getName()));
                } else if (source.getConfigMapKeyRef() != null) {
                    var ref = source.getConfigMapKeyRef();
                    environment.put(env.getName(), required(get(ConfigMap.class, ref.getName()).getData(), ref.getKey(),
                            "ConfigMap " + ref.getName()));
                } else {
                    throw new AssertionError("no stand-in for " + env.getName() + " from " + source);
                }
            }
        }
        return environment;
    }

    /**
     * What the release's secrets Jobs create (conference-lib.secretsJob): each Job's RELEASE_SECRETS, in order,
     * one map per Secret with its "name", "keys" and "prune".
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> generatedSecretSpecs() {
        List<Map<String, Object>> specs = new ArrayList<>();
        for (Job job : all(Job.class)) {
            for (Container c : job.getSpec().getTemplate().getSpec().getContainers()) {
                for (var env : c.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : c.getEnv()) {
                    if (env.getName().equals("RELEASE_SECRETS")) {
                        Map<String, Object> spec = Serialization.unmarshal(env.getValue(), Map.class);
                        specs.addAll((List<Map<String, Object>>) spec.get("secrets"));
                    }
                }
            }
        }
        return specs;
    }

    /** This release as the cluster would hold it once these Secrets (name → key → decoded value) exist too. */
    public Manifests withSecrets(Map<String, Map<String, String>> secrets) {
        List<HasMetadata> all = new ArrayList<>(resources);
        secrets.forEach((name, data) -> {
            Map<String, String> encoded = new LinkedHashMap<>();
            data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            all.add(new SecretBuilder().withNewMetadata().withName(name).withNamespace(Charts.NAMESPACE).endMetadata()
                    .withType("Opaque").withData(encoded).build());
        });
        return new Manifests(List.copyOf(all));
    }

    /** A Secret's values, decoded. */
    public Map<String, String> secretData(String name) {
        Secret secret = get(Secret.class, name);
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    private static String required(Map<String, String> data, String key, String where) {
        String value = data == null ? null : data.get(key);
        if (value == null) {
            throw new AssertionError(where + " has no key " + key);
        }
        return value;
    }

    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("the charts select by matchLabels only: " + selector);
        }
        return selects(selector.getMatchLabels(), labels);
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }
}

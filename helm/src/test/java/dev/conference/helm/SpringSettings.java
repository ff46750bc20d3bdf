package dev.conference.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings one service really reads, from the metadata Spring Boot's configuration processor
 * generates: the service's own ({@code target/classes/META-INF/spring-configuration-metadata.json})
 * and that of every jar on its runtime class path (Spring Boot, Spring Cloud, service-support), read
 * from the libraries inside the service's executable jar. The reactor builds the services before this
 * module, so both are there; alone, build a service first with
 * {@code ./mvnw -pl <service> -DskipTests package}.
 *
 * <p>Environment variables map to properties by Spring's relaxed binding: {@code C4P_OUTBOX_POLLINTERVAL}
 * (canonical) and {@code C4P_OUTBOX_POLL_INTERVAL} (legacy) both bind {@code c4p.outbox.poll-interval};
 * below a Map property any suffix is a key ({@code FRONTEND_ORGANIZERS_OLIVIA}).
 */
final class SpringSettings {

    record Property(String name, String type, boolean hasDefault, String sourceType, boolean own) {

        boolean isMap() {
            return type != null && type.startsWith("java.util.Map<");
        }
    }

    private record Group(String name, String sourceType, String sourceMethod) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> REQUIRED_ANNOTATIONS = Set.of(
            "jakarta.validation.constraints.NotNull", "jakarta.validation.constraints.NotBlank", "jakarta.validation.constraints.NotEmpty");
    private static final String DEFAULT_VALUE = "org.springframework.boot.context.properties.bind.DefaultValue";
    private static final Map<String, SpringSettings> CACHE = new ConcurrentHashMap<>();

    private final String service;
    private final Map<String, Property> byEnvironmentName = new HashMap<>();
    private final Map<String, Property> maps = new HashMap<>();
    private final Map<String, Property> properties = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private final int jarsWithMetadata;

    private SpringSettings(String service) {
        this.service = service;
        Path module = Charts.root().resolve(service);
        Path own = module.resolve("target/classes/META-INF/spring-configuration-metadata.json");
        if (!Files.isRegularFile(own)) {
            throw new AssertionError(own + " is missing: build " + service + " first (./mvnw -pl " + service
                    + " -DskipTests package); its settings records need the configuration processor");
        }
        Path jar = module.resolve("target/" + service + "-" + Charts.projectVersion() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build " + service + " first (./mvnw -pl " + service + " -DskipTests package)");
        }
        try {
            read(Files.readAllBytes(own), true);
            int found = 0;
            try (JarFile fat = new JarFile(jar.toFile())) {
                for (var entries = fat.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                        try (InputStream in = fat.getInputStream(entry)) {
                            byte[] metadata = metadataOf(in);
                            if (metadata != null) {
                                read(metadata, false);
                                found++;
                            }
                        }
                    }
                }
            }
            this.jarsWithMetadata = found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpringSettings of(String service) {
        return CACHE.computeIfAbsent(service, SpringSettings::new);
    }

    int jarsWithMetadata() {
        return jarsWithMetadata;
    }

    /** The property an environment variable sets, if the service reads one by that name. */
    Optional<Property> propertyFor(String environmentName) {
        Property exact = byEnvironmentName.get(environmentName);
        if (exact != null) {
            return Optional.of(exact);
        }
        return maps.entrySet().stream()
                .filter(e -> environmentName.startsWith(e.getKey() + "_") && environmentName.length() > e.getKey().length() + 1)
                .map(Map.Entry::getValue)
                .findFirst();
    }

    Optional<Property> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /**
     * The service's own settings that must be given: validated as not null, not blank or not empty,
     * without a default, inside settings groups that are themselves required or defaulted.
     */
    Set<String> requiredWithoutDefault() {
        Set<String> required = new TreeSet<>();
        try (URLClassLoader loader = serviceClassLoader()) {
            for (Property p : properties.values()) {
                if (p.own() && !p.hasDefault() && p.sourceType() != null
                        && mustBeGiven(loader, p.sourceType(), lastSegment(p.name())) && ancestorsPresent(loader, p.name())) {
                    required.add(p.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return required;
    }

    static String canonicalEnvironmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private boolean ancestorsPresent(ClassLoader loader, String name) {
        String prefix = name;
        while (prefix.contains(".")) {
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
            Group group = groups.get(prefix);
            if (group == null || group.sourceMethod() == null) {
                continue; // a top-level @ConfigurationProperties group, always bound
            }
            String field = group.sourceMethod().replace("()", "");
            Class<?> owner = load(loader, group.sourceType());
            if (!annotated(owner, field, REQUIRED_ANNOTATIONS) && !annotated(owner, field, Set.of(DEFAULT_VALUE))) {
                return false; // an optional group: its members are needed only when it is given
            }
        }
        return true;
    }

    private boolean mustBeGiven(ClassLoader loader, String sourceType, String kebabName) {
        Class<?> type = load(loader, sourceType);
        String field = camel(kebabName);
        return annotated(type, field, REQUIRED_ANNOTATIONS) && !annotated(type, field, Set.of(DEFAULT_VALUE));
    }

    /** Whether a record component (its field or its canonical constructor parameter) carries one of the annotations. */
    private boolean annotated(Class<?> type, String name, Set<String> annotations) {
        try {
            Field field = type.getDeclaredField(name);
            if (has(field.getDeclaredAnnotations(), annotations) || has(field.getAnnotatedType().getDeclaredAnnotations(), annotations)) {
                return true;
            }
        } catch (NoSuchFieldException e) {
            throw new AssertionError(service + ": " + type.getName() + " has no setting " + name, e);
        }
        if (type.isRecord()) {
            var components = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                Parameter[] parameters = type.getDeclaredConstructor(types).getParameters();
                for (int i = 0; i < components.length; i++) {
                    if (components[i].getName().equals(name)) {
                        return has(parameters[i].getDeclaredAnnotations(), annotations)
                                || has(parameters[i].getAnnotatedType().getDeclaredAnnotations(), annotations);
                    }
                }
            } catch (NoSuchMethodException e) {
                throw new AssertionError(type + " has no canonical constructor", e);
            }
        }
        return false;
    }

    private static boolean has(Annotation[] present, Set<String> wanted) {
        return Arrays.stream(present).anyMatch(a -> wanted.contains(a.annotationType().getName()));
    }

    private URLClassLoader serviceClassLoader() throws IOException {
        List<URL> urls = List.of(
                Charts.root().resolve(service).resolve("target/classes").toUri().toURL(),
                Charts.root().resolve("service-support/target/classes").toUri().toURL());
        return new URLClassLoader(urls.toArray(URL[]::new), SpringSettings.class.getClassLoader());
    }

    private Class<?> load(ClassLoader loader, String binaryName) {
        try {
            return Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(service + ": settings class " + binaryName + " named by its metadata is not in target/classes", e);
        }
    }

    private void read(byte[] metadata, boolean own) {
        JsonNode root = JSON.readTree(metadata);
        for (JsonNode g : root.path("groups")) {
            groups.putIfAbsent(g.path("name").asString(), new Group(g.path("name").asString(),
                    text(g, "sourceType"), text(g, "sourceMethod")));
        }
        for (JsonNode p : root.path("properties")) {
            Property property = new Property(p.path("name").asString(), text(p, "type"), p.has("defaultValue"), text(p, "sourceType"), own);
            properties.putIfAbsent(property.name(), property);
            byEnvironmentName.putIfAbsent(canonicalEnvironmentName(property.name()), property);
            byEnvironmentName.putIfAbsent(property.name().replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT), property);
            if (property.isMap()) {
                maps.putIfAbsent(canonicalEnvironmentName(property.name()), property);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }

    private static byte[] metadataOf(InputStream nestedJar) throws IOException {
        ZipInputStream zip = new ZipInputStream(nestedJar);
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            if (entry.getName().equals("META-INF/spring-configuration-metadata.json")) {
                return zip.readAllBytes();
            }
        }
        return null;
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment variable the charts give a service sets a property that service really reads,
 * and every setting the service cannot start without is given.
 */
class ServiceSettingsTest {

    /** Read by the JVM and the OpenTelemetry Java agent in the image, not by Spring. */
    private static final Set<String> JVM_AND_AGENT_VARIABLES = Set.of(
            "JAVA_TOOL_OPTIONS",
            "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER",
            "OTEL_RESOURCE_ATTRIBUTES", "OTEL_JAVAAGENT_LOGGING", "OTEL_INSTRUMENTATION_COMMON_LOGGING_TRACE_ID",
            "OTEL_INSTRUMENTATION_COMMON_LOGGING_SPAN_ID", "OTEL_INSTRUMENTATION_COMMON_LOGGING_TRACE_FLAGS");

    /** The agent's instrumentations switched on or off (otel.instrumentations; AgentInstrumentationsTest). */
    private static final Pattern AGENT_INSTRUMENTATION_SWITCH = Pattern.compile("^OTEL_INSTRUMENTATION_[A-Z0-9_]+_ENABLED$");

    /** What each service must be told in the cluster, whatever its laptop defaults say. */
    private static final Map<String, List<String>> CLUSTER_SETTINGS = Map.of(
            "frontend-service", List.of("server.port", "frontend.c4p-url", "frontend.agenda-url",
                    "spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.password", "frontend.organizers"),
            "c4p-service", List.of("server.port", "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                    "c4p.public-url", "c4p.agenda.url", "c4p.email.url"),
            "agenda-service", List.of("server.port", "spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.password"),
            "email-service", List.of("server.port", "spring.mail.host", "spring.mail.port"));

    private static final Pattern IN_CLUSTER_URL = Pattern.compile("^(?:http|jdbc:postgresql)://(" + Charts.RELEASE + "-[a-z0-9-]+):(\\d+)");

    static List<Arguments> servicesAndVariants() {
        List<Arguments> arguments = new ArrayList<>();
        for (String variant : Charts.variants()) {
            for (String service : Charts.SERVICES) {
                arguments.add(Arguments.of(service, variant));
            }
        }
        return arguments;
    }

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("servicesAndVariants")
    void everyVariableTheChartSetsIsAPropertyTheServiceReads(String service, String variant) {
        Manifests m = Charts.umbrella(variant);
        SpringSettings settings = SpringSettings.of(service);
        for (String name : m.environmentNames(container(m, service))) {
            if (JVM_AND_AGENT_VARIABLES.contains(name) || AGENT_INSTRUMENTATION_SWITCH.matcher(name).matches()) {
                continue;
            }
            assertThat(settings.propertyFor(name)).as("%s sets %s, which %s does not read", variant, name, service).isPresent();
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("servicesAndVariants")
    void everyRequiredSettingAndEveryClusterSettingIsGiven(String service, String variant) {
        Manifests m = Charts.umbrella(variant);
        SpringSettings settings = SpringSettings.of(service);
        Container container = container(m, service);
        Set<String> given = m.environmentNames(container);
        List<String> needed = new ArrayList<>(settings.requiredWithoutDefault());
        needed.addAll(CLUSTER_SETTINGS.get(service));
        for (String property : needed) {
            assertThat(given.stream().anyMatch(env -> settings.propertyFor(env).filter(p -> covers(p.name(), property, env)).isPresent()))
                    .as("%s: %s gets %s", variant, service, property).isTrue();
            String env = SpringSettings.canonicalEnvironmentName(property);
            m.environmentValue(container, env).ifPresent(value -> assertThat(value).as("%s %s", service, env).isNotBlank());
        }
        assertThat(m.environmentValue(container, "SERVER_PORT")).contains(
                String.valueOf(container.getPorts().getFirst().getContainerPort()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void theRequiredSettingsAreFoundByTheirValidationAnnotations(String service) {
        // Guards the check above against passing on nothing: the services' known mandatory settings are found.
        Set<String> required = SpringSettings.of(service).requiredWithoutDefault();
        switch (service) {
            case "c4p-service" -> assertThat(required).contains("c4p.agenda.url", "c4p.email.url").doesNotContain("c4p.cfp.opens-at");
            default -> assertThat(required).doesNotContain("server.port");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void theSettingsOfEachServiceComeFromItsOwnClassPath(String service) {
        SpringSettings settings = SpringSettings.of(service);
        assertThat(settings.jarsWithMetadata()).as("jars with settings metadata in %s's executable jar", service).isGreaterThan(3);
        assertThat(settings.propertyFor("SERVER_PORT")).isPresent();
        assertThat(settings.propertyFor("LOGGING_STRUCTURED_FORMAT_CONSOLE")).isPresent();
        assertThat(settings.propertyFor("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")).isPresent();
        assertThat(settings.propertyFor("SERVER_PORTS")).as("a near miss is not a setting").isEmpty();
        assertThat(settings.propertyFor(service.toUpperCase().replace("-SERVICE", "") + "_NO_SUCH_SETTING")).isEmpty();
        switch (service) {
            case "c4p-service" -> {
                assertThat(settings.propertyFor("C4P_OUTBOX_POLLINTERVAL")).isPresent();
                assertThat(settings.propertyFor("C4P_OUTBOX_POLL_INTERVAL")).as("legacy relaxed form").isPresent();
                assertThat(settings.propertyFor("SPRING_DATA_REDIS_HOST")).as("c4p-service has no Redis").isEmpty();
            }
            case "email-service" -> {
                assertThat(settings.propertyFor("SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH")).as("a key of the spring.mail.properties map").isPresent();
                assertThat(settings.propertyFor("SPRING_DATASOURCE_URL")).as("email-service has no database").isEmpty();
            }
            case "frontend-service" -> {
                assertThat(settings.propertyFor("FRONTEND_ORGANIZERS_OLIVIA")).as("a key of the organizers map").isPresent();
                assertThat(settings.propertyFor("FRONTEND_REVIEWERS_RITA")).as("a key of the reviewers map").isPresent();
                assertThat(settings.propertyFor("FRONTEND_OIDC_REVIEWERSVALUE")).isPresent();
                assertThat(settings.propertyFor("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OIDC_CLIENTID")).isPresent();
            }
            default -> assertThat(settings.propertyFor("AGENDA_GRID_DAYS")).isPresent();
        }
    }

    @Test
    void everyInClusterAddressAServiceIsGivenNamesARenderedServiceAndPort() {
        Manifests m = Charts.umbrella("default");
        int checked = 0;
        for (String service : Charts.SERVICES) {
            Container container = container(m, service);
            for (String env : m.environmentNames(container)) {
                String value = m.environmentValue(container, env).orElse("");
                Matcher url = IN_CLUSTER_URL.matcher(value);
                if (env.endsWith("_HOST") && value.startsWith(Charts.RELEASE + "-")) {
                    assertThat(m.find(Service.class, value)).as("%s %s=%s", service, env, value).isPresent();
                    checked++;
                } else if (url.find()) {
                    Service target = m.get(Service.class, url.group(1));
                    assertThat(target.getSpec().getPorts()).as("%s %s=%s", service, env, value)
                            .anyMatch(p -> p.getPort() == Integer.parseInt(url.group(2)));
                    checked++;
                }
            }
        }
        assertThat(checked).as("addresses checked").isGreaterThanOrEqualTo(8);
        Container c4p = container(m, "c4p-service");
        assertThat(m.environmentValue(c4p, "C4P_AGENDA_URL")).contains("http://conference-agenda-service:8080");
        assertThat(URI.create(m.environmentValue(c4p, "C4P_PUBLICURL").orElseThrow())).hasScheme("http");
    }

    @Test
    void theChartSetsTheOutboxRetentionUnderTheNameTheServiceReads() {
        Manifests m = Charts.umbrella("default");
        Container c4p = container(m, "c4p-service");

        String variable = m.environmentNames(c4p).stream().filter(name -> name.contains("RETENTION")).findFirst()
                .orElseThrow(() -> new AssertionError("the chart does not set the outbox retention"));
        assertThat(SpringSettings.of("c4p-service").propertyFor(variable)).map(SpringSettings.Property::name)
                .contains("c4p.outbox.retention");
        assertThat(m.environmentValue(c4p, variable)).contains("7d");
    }

    @Test
    void theEnvironmentAServiceGetsHoldsThePasswordsOfTheStoresItTalksTo() {
        Manifests m = GeneratedSecrets.firstInstall(Charts.umbrella("default"));

        Map<String, String> c4p = m.environment(container(m, "c4p-service"));
        Map<String, String> agenda = m.environment(container(m, "agenda-service"));
        Map<String, String> database = m.environment(m.workload("postgresql").pod().getContainers().getFirst());
        Map<String, String> redis = m.environment(m.workload("redis").pod().getContainers().getFirst());

        assertThat(c4p.get("SPRING_DATASOURCE_PASSWORD")).hasSize(32).isEqualTo(database.get("POSTGRES_PASSWORD"));
        assertThat(c4p.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(database.get("POSTGRES_USER"));
        assertThat(c4p).containsEntry("C4P_AGENDA_URL", "http://conference-agenda-service:8080");
        assertThat(agenda.get("SPRING_DATA_REDIS_PASSWORD")).hasSize(32).isEqualTo(redis.get("REDIS_PASSWORD"));
        assertThat(m.environment(container(m, "frontend-service")).get("FRONTEND_ORGANIZERS_ORGANIZER")).startsWith("{bcrypt}$2a$");
    }

    @Test
    void anOperatorsValueIsWrittenAsGivenAndWinsOverTheChartsOwn() {
        Manifests m = GeneratedSecrets.firstInstall(Charts.umbrella(Map.of(
                "email-service.config.email\\.message-id-domain", "mail{{ .Release.Name }}.example",
                "c4p-service.config.c4p\\.agenda\\.url", "http://agenda.example.internal:8080")));

        assertThat(m.environment(container(m, "email-service"))).containsEntry("EMAIL_MESSAGEIDDOMAIN",
                "mail{{ .Release.Name }}.example");
        assertThat(m.environment(container(m, "c4p-service")))
                .containsEntry("C4P_AGENDA_URL", "http://agenda.example.internal:8080")
                .containsEntry("C4P_EMAIL_URL", "http://conference-email-service:8080");
    }

    private static boolean covers(String bound, String wanted, String env) {
        // "frontend.organizers.organizer" is given by FRONTEND_ORGANIZERS_ORGANIZER through the organizers map.
        return bound.equals(wanted)
                || (wanted.startsWith(bound + ".") && env.equals(SpringSettings.canonicalEnvironmentName(wanted)));
    }

    private static Container container(Manifests m, String service) {
        return m.workload(service).pod().getContainers().stream().filter(c -> c.getName().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + service));
    }
}

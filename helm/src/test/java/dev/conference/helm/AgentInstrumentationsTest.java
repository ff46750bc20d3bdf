package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the OpenTelemetry agent on, each service has only the instrumentations its chart lists
 * ({@code otel.instrumentations}), every one a name the shipped agent knows; an empty list leaves the agent's defaults.
 */
class AgentInstrumentationsTest {

    private static final Pattern SWITCH = Pattern.compile("^OTEL_INSTRUMENTATION_([A-Z0-9_]+)_ENABLED$");

    @Test
    void eachServiceSwitchesOnExactlyTheInstrumentationsItsChartLists() throws Exception {
        Manifests m = Charts.umbrella("observability");
        for (String service : Charts.SERVICES) {
            var container = m.workload(service).pod().getContainers().getFirst();
            assertThat(m.environmentValue(container, "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED")).as(service).contains("false");
            Set<String> switchedOn = new TreeSet<>();
            for (String name : m.environmentNames(container)) {
                Matcher matcher = SWITCH.matcher(name);
                if (matcher.matches() && !name.equals("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED")) {
                    assertThat(m.environmentValue(container, name)).as("%s %s", service, name).contains("true");
                    switchedOn.add(matcher.group(1));
                }
            }
            Set<String> expected = new TreeSet<>(listed(service).stream().map(n -> n.toUpperCase().replace('-', '_')).toList());
            expected.add("INTERNAL_APPLICATION_LOGGER");
            assertThat(switchedOn).as("%s, with the agent's logging through the service's", service).isEqualTo(expected);
        }
    }

    @Test
    void everyListedInstrumentationIsOneTheShippedAgentHas() throws Exception {
        assertThat(AgentInstrumentations.shippedAgent()).as("the agent the build copies beside c4p-service's jar (./mvnw package)")
                .isRegularFile();
        Set<String> known = AgentInstrumentations.namesIn(AgentInstrumentations.shippedAgent());
        assertThat(known).as("names the agent answers to").contains("tomcat", "jdbc", "netty", "executors", "internal-application-logger");
        assertThat(known).as("a name no instrumentation has").doesNotContain("spring-web-mvc");
        for (String service : Charts.SERVICES) {
            assertThat(listed(service)).as(service).isNotEmpty();
            assertThat(known).as("%s's otel.instrumentations", service).containsAll(listed(service));
        }
    }

    @Test
    void anEmptyListLeavesTheAgentItsDefaults(@TempDir Path directory) throws Exception {
        Path values = Files.writeString(directory.resolve("values.yaml"), """
                global:
                  otel: {enabled: true, endpoint: "http://collector:4318"}
                  networkPolicy: {enabled: false}
                c4p-service:
                  otel: {instrumentations: []}
                """);
        Manifests m = Manifests.parse(Charts.render("conference-platform", List.of(values), Map.of()));
        var c4p = m.workload("c4p-service").pod().getContainers().getFirst();
        assertThat(m.environmentNames(c4p)).contains("OTEL_SERVICE_NAME").noneMatch(n -> SWITCH.matcher(n).matches());
        var agenda = m.workload("agenda-service").pod().getContainers().getFirst();
        assertThat(m.environmentValue(agenda, "OTEL_INSTRUMENTATION_TOMCAT_ENABLED")).contains("true");
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(String service) throws Exception {
        Map<?, ?> values = Serialization.unmarshal(Files.readString(Charts.source(service).resolve("values.yaml")), Map.class);
        return (List<String>) ((Map<?, ?>) values.get("otel")).get("instrumentations");
    }
}

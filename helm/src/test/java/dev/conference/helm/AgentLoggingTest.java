package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * With the OpenTelemetry agent on, every line a service writes is still one ECS JSON object: the
 * agent logs through the service's logging instead of printing its own text, the JVM's plain-text
 * warning about class sharing is off, and the trace and span ids go into each line under ECS's names.
 */
class AgentLoggingTest {

    @Test
    void theAgentLogsAsJsonAndNamesTheTraceIdsAsEcsDoes() {
        Manifests m = Charts.umbrella("observability");
        for (String service : Charts.SERVICES) {
            var container = m.workload(service).pod().getContainers().getFirst();
            assertThat(m.environmentValue(container, "LOGGING_STRUCTURED_FORMAT_CONSOLE")).as(service).contains("ecs");
            assertThat(m.environmentValue(container, "OTEL_JAVAAGENT_LOGGING")).as(service).contains("application");
            assertThat(m.environmentValue(container, "OTEL_INSTRUMENTATION_COMMON_LOGGING_TRACE_ID")).as(service).contains("trace.id");
            assertThat(m.environmentValue(container, "OTEL_INSTRUMENTATION_COMMON_LOGGING_SPAN_ID")).as(service).contains("span.id");
            assertThat(m.environmentValue(container, "OTEL_INSTRUMENTATION_COMMON_LOGGING_TRACE_FLAGS")).as(service).contains("trace.flags");
            assertThat(m.environmentValue(container, "JAVA_TOOL_OPTIONS")).as(service).get().asString()
                    .contains("-javaagent:", "-XX:-PrintWarnings");
        }
    }

    @Test
    void withoutTheAgentTheJvmKeepsItsWarnings() {
        Manifests m = Charts.umbrella("default");
        for (String service : Charts.SERVICES) {
            var container = m.workload(service).pod().getContainers().getFirst();
            assertThat(m.environmentValue(container, "JAVA_TOOL_OPTIONS")).as(service).get().asString()
                    .doesNotContain("-XX:-PrintWarnings");
        }
    }
}

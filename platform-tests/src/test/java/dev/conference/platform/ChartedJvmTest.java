package dev.conference.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Benchmarks and the trace test start the services with what their charts render, not with a copy of it. */
class ChartedJvmTest {

    @Test
    void asInContainerTakesEachChartsPoolsCompilerAndMemoryLimit() {
        assertThat(ServiceProcess.asInContainer("c4p-service"))
                .contains("-Xmx256m", "-XX:MaxMetaspaceSize=192m", "-XX:TieredStopAtLevel=1", "-XX:MaxRAM=738197504", "-XX:+UseSerialGC")
                .noneMatch(option -> option.startsWith("-javaagent:"));
        assertThat(ServiceProcess.asInContainer("frontend-service"))
                .contains("-Xmx256m", "-XX:MaxRAM=738197504")
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void tracedAsInTheChartLoadsTheGivenAgentWithTheChartsSettingsAndInstrumentations() {
        Path agent = Path.of("/tmp/agent.jar");
        assertThat(ServiceProcess.tracedAsInTheChart("agenda-service", agent))
                .contains("-javaagent:/tmp/agent.jar", "-XX:-PrintWarnings", "-Dotel.service.name=agenda-service",
                        "-Dotel.instrumentation.common.default.enabled=false", "-Dotel.instrumentation.tomcat.enabled=true",
                        "-Dotel.instrumentation.internal.application.logger.enabled=true")
                .noneMatch(option -> option.contains("/opt/opentelemetry"))
                .noneMatch(option -> option.equals("-Dotel.instrumentation.jdbc.enabled=true"));
    }
}

package dev.conference.frontend.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.config.FrontendProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code frontend.schedules.*}: defaults, environment variable names, and nothing below one. */
class ScheduleSettingsTest {

    @Configuration
    @EnableConfigurationProperties(FrontendProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void defaultsAllowTwentyAMinuteAndTwentyAtOnce() {
        runner.run(context -> assertThat(context.getBean(FrontendProperties.class).schedules())
                .isEqualTo(new FrontendProperties.Schedules(20, 20)));
    }

    @Test
    void theLimitsComeFromEnvironmentVariables() {
        Map<String, Object> environment = Map.of("FRONTEND_SCHEDULES_PERMINUTE", "7", "FRONTEND_SCHEDULES_BURST", "3");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                environment)))
                .run(context -> assertThat(context.getBean(FrontendProperties.class).schedules())
                        .isEqualTo(new FrontendProperties.Schedules(7, 3)));
    }

    @Test
    void aLimitBelowOneIsRefusedAtStartup() {
        runner.withPropertyValues("frontend.schedules.per-minute=0").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("frontend.schedules.burst=0").run(context -> assertThat(context).hasFailed());
    }
}

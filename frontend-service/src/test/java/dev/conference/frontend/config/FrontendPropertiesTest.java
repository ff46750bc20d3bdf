package dev.conference.frontend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The settings bind from their environment variable names, and no weak password gets in. */
class FrontendPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(FrontendProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void defaultsLetNobodyLogIn() {
        runner.run(context -> {
            FrontendProperties properties = context.getBean(FrontendProperties.class);
            assertThat(properties.organizers()).isEmpty();
            assertThat(properties.reviewers()).isEmpty();
            assertThat(properties.oidc().reviewersValue()).isEqualTo("reviewers");
            assertThat(properties.c4pUrl()).hasToString("http://localhost:8081");
            assertThat(properties.agendaUrl()).hasToString("http://localhost:8082");
        });
    }

    @Test
    void organizersAndUrlsComeFromEnvironmentVariables() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret");
        Map<String, Object> environment = Map.of("FRONTEND_ORGANIZERS_OLIVIA", hash, "FRONTEND_REVIEWERS_RITA", hash,
                "FRONTEND_OIDC_REVIEWERSVALUE", "programme-committee", "FRONTEND_C4PURL", "http://c4p:8080",
                "FRONTEND_AGENDAURL", "http://agenda:8080", "FRONTEND_SUBMISSIONS_PERMINUTE", "3");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                environment)))
                .run(context -> {
                    FrontendProperties properties = context.getBean(FrontendProperties.class);
                    assertThat(properties.organizers()).containsEntry("olivia", hash);
                    assertThat(properties.reviewers()).containsEntry("rita", hash);
                    assertThat(properties.oidc().reviewersValue()).isEqualTo("programme-committee");
                    assertThat(properties.c4pUrl()).hasToString("http://c4p:8080");
                    assertThat(properties.submissions().perMinute()).isEqualTo(3);
                });
    }

    @Test
    void aPasswordThatIsNotABcryptHashIsRefusedAtStartup() {
        runner.withPropertyValues("frontend.organizers.olivia={noop}organizer")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("frontend.organizers.olivia=organizer")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("frontend.reviewers.rita={noop}reviewer")
                .run(context -> assertThat(context).hasFailed());
    }
}

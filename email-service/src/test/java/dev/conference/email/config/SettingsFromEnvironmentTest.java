package dev.conference.email.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variable names the README and the Helm chart use really reach the settings. */
class SettingsFromEnvironmentTest {

    @Test
    void emailSettingsBindFromTheirEnvironmentVariables() {
        Binder binder = binderFor(Map.of(
                "EMAIL_FROM", "CfP <cfp@example.org>",
                "EMAIL_CONFERENCENAME", "DevConf 2028",
                "EMAIL_MESSAGEIDDOMAIN", "example.org",
                "EMAIL_SENTKEYCACHESIZE", "42"));

        EmailProperties properties = binder.bind("email", EmailProperties.class).get();

        assertThat(properties).isEqualTo(new EmailProperties("CfP <cfp@example.org>", "DevConf 2028", "example.org", 42));
    }

    @Test
    void javaMailPropertiesBindFromTheirEnvironmentVariables() {
        Binder binder = binderFor(Map.of(
                "SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE", "true",
                "SPRING_MAIL_PROPERTIES_MAIL_SMTP_TIMEOUT", "3000"));

        Map<String, String> properties = binder.bind("spring.mail.properties",
                Bindable.mapOf(String.class, String.class)).get();

        assertThat(properties).containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.timeout", "3000");
    }

    private static Binder binderFor(Map<String, Object> environment) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));
    }
}

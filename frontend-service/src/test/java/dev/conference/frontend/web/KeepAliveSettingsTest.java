package dev.conference.frontend.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.frontend.GatewayTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** The gateway's pooled connections retire before any backend's keep-alive timeout closes them (BackendConnectionsTest). */
class KeepAliveSettingsTest extends GatewayTest {

    @Autowired
    HttpClientProperties httpClient;

    @ParameterizedTest
    @ValueSource(strings = {"c4p-service", "agenda-service"})
    void pooledConnectionsRetireWellBeforeTheBackendClosesThem(String backend) throws IOException {
        Duration keepAlive = keepAliveOf(backend);
        Duration maxIdle = httpClient.getPool().getMaxIdleTime();
        assertThat(maxIdle).as("gateway pool max-idle-time").isNotNull().isPositive();
        assertThat(maxIdle.multipliedBy(2)).as("twice the gateway's idle time vs %s's keep-alive", backend)
                .isLessThanOrEqualTo(keepAlive);
        assertThat(httpClient.getPool().getEvictionInterval()).isPositive().isLessThan(maxIdle);
    }

    private static Duration keepAliveOf(String service) throws IOException {
        Path yaml = Path.of("..", service, "src", "main", "resources", "application.yaml");
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(service, new FileSystemResource(yaml));
        Object value = sources.getFirst().getProperty("server.tomcat.keep-alive-timeout");
        assertThat(value).as("server.tomcat.keep-alive-timeout in " + yaml).isNotNull();
        return DurationStyle.detectAndParse(value.toString());
    }
}

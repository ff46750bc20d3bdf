package dev.conference.support.web;

import dev.conference.web.ShutdownDrain;
import dev.conference.web.ShutdownDrainProperties;
import dev.conference.web.WebLimitsProperties;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * Registers the shared error handling, request limits, the UTF-8 check of request bodies and the
 * shutdown drain in every servlet service.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({WebLimitsProperties.class, ShutdownDrainProperties.class})
public class ServiceSupportAutoConfiguration {

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    /**
     * Strict JSON: unknown fields, duplicate fields, nulls for primitives, trailing garbage and values of
     * the wrong JSON type (a number where text or an enum belongs, text where a number belongs) are client errors.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Otherwise a number picks an enum constant by its position.
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebLimitsProperties limits) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits.maxRequestBody().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Inside the size limit, so it never checks more than the limit allows. */
    @Bean
    FilterRegistrationBean<Utf8RequestBodyFilter> utf8RequestBodyFilter() {
        var registration = new FilterRegistrationBean<>(new Utf8RequestBodyFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    ShutdownDrain shutdownDrain(ShutdownDrainProperties settings, ApplicationContext context) {
        return new ShutdownDrain(settings.drain(), context, () -> closeListeners(context));
    }

    /** Tomcat's graceful close: the listening socket closes, accepted connections keep being served. */
    private static void closeListeners(ApplicationContext context) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() instanceof TomcatWebServer tomcat) {
            for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
                connector.getProtocolHandler().closeServerSocketGraceful();
            }
        }
    }

    @Bean
    FilterRegistrationBean<ShutdownDrainFilter> shutdownDrainFilter(ShutdownDrain drain) {
        var registration = new FilterRegistrationBean<>(new ShutdownDrainFilter(drain));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

package dev.conference.agenda.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Names validation errors after the JSON field, not the Java one: {@code abstract} is a Java
 * keyword, so the record component is {@code abstractText}, but clients sent {@code abstract}
 * and must read that name in the problem's {@code errors}.
 */
@Configuration(proxyBeanMethods = false)
class JsonFieldNames {

    @Bean
    ValidationConfigurationCustomizer jsonPropertyNodeNames() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.propertyNodeNameProvider(new JsonPropertyNodeNameProvider());
            }
        };
    }

    static final class JsonPropertyNodeNameProvider implements PropertyNodeNameProvider {

        @Override
        public String getName(Property property) {
            if (property instanceof JavaBeanProperty bean) {
                try {
                    JsonProperty json = bean.getDeclaringClass().getDeclaredField(bean.getName())
                            .getAnnotation(JsonProperty.class);
                    if (json != null && !json.value().isEmpty()) {
                        return json.value();
                    }
                } catch (NoSuchFieldException e) {
                    // a getter without a field of its name keeps its Java name
                }
            }
            return property.getName();
        }
    }
}

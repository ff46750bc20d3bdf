package dev.conference.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service charts' values.yaml and values.schema.json, composed of what they share
 * (helm/service-values/common.*) and what each one adds (helm/service-values/&lt;service&gt;.*). Helm reads the
 * composed files, which are committed; {@link ServiceValuesTest} checks that they are up to date.
 */
final class ServiceValues {

    static final String REGENERATE_PROPERTY = "charts.regenerate";
    static final String REGENERATE_COMMAND = "./mvnw -o -q -pl helm test -Dtest=ServiceValuesTest -D" + REGENERATE_PROPERTY;
    static final String VALUES = "values.yaml";
    static final String SCHEMA = "values.schema.json";

    private ServiceValues() {
    }

    static Path sources() {
        return Charts.root().resolve("helm/service-values");
    }

    static String valuesYaml(String service) {
        String fragmentName = service + "." + VALUES;
        SlotTemplate.Fragment fragment = SlotTemplate.parseFragment(fragmentName, read(fragmentName));
        return SlotTemplate.compose("common." + VALUES, read("common." + VALUES), fragmentName, fragment,
                Map.of("service", service));
    }

    static String valuesSchema(String service) {
        String common = read("common." + SCHEMA).replace("${service}", service);
        return SchemaJson.print(SchemaJson.compose(SchemaJson.parse(common), SchemaJson.parse(read(service + "." + SCHEMA))));
    }

    /** The composed file as committed in the service's chart. */
    static Path committed(String service, String file) {
        return Charts.source(service).resolve(file);
    }

    private static String read(String file) {
        try {
            return Files.readString(sources().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service chart's values.yaml and values.schema.json are exactly what {@link ServiceValues} composes from
 * helm/service-values/. With -Dcharts.regenerate the test writes them instead.
 */
class ServiceValuesTest {

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void theCommittedValuesAreTheComposedOnes(String service) throws IOException {
        check(ServiceValues.committed(service, ServiceValues.VALUES), ServiceValues.valuesYaml(service));
    }

    @ParameterizedTest
    @MethodSource("services")
    void theCommittedSchemaIsTheComposedOne(String service) throws IOException {
        check(ServiceValues.committed(service, ServiceValues.SCHEMA), ServiceValues.valuesSchema(service));
    }

    private static void check(Path committed, String composed) throws IOException {
        if (System.getProperty(ServiceValues.REGENERATE_PROPERTY) != null) {
            Files.writeString(committed, composed);
        }
        assertThat(Files.readString(committed))
                .as("%s is composed from helm/service-values/: edit those files, then run %s", Charts.root().relativize(committed),
                        ServiceValues.REGENERATE_COMMAND)
                .isEqualTo(composed);
    }

    @Test
    void aSlotReplacesTheTemplatesLinesAndValuesFillPlaceholders() {
        String template = """
                #@# a note, left out
                #@ required head
                name: ${service}
                #@ slot size
                size: 1
                #@ end
                heap: ${heap}
                """;
        var fragment = SlotTemplate.parseFragment("f", """
                #@ value heap: 256m

                #@ slot head
                # the head

                #@ end
                """);

        assertThat(SlotTemplate.compose("t", template, "f", fragment, Map.of("service", "s")))
                .isEqualTo("# the head\n\nname: s\nsize: 1\nheap: 256m\n");
    }

    @Test
    void whatAFragmentLacksOrGivesInVainStopsTheComposition() {
        String template = "#@ required head\nheap: ${heap}\n";
        var noHead = SlotTemplate.parseFragment("f", "#@ value heap: 1m\n");
        var noHeap = SlotTemplate.parseFragment("f", "#@ slot head\n#@ end\n");
        var extra = SlotTemplate.parseFragment("f", "#@ value heap: 1m\n#@ value heep: 2m\n#@ slot head\n#@ end\n");
        var unknownSlot = SlotTemplate.parseFragment("f", "#@ value heap: 1m\n#@ slot head\n#@ end\n#@ slot tail\n#@ end\n");

        assertThatThrownBy(() -> SlotTemplate.compose("t", template, "f", noHead, Map.of())).hasMessage("f: gives no slot head, which t requires");
        assertThatThrownBy(() -> SlotTemplate.compose("t", template, "f", noHeap, Map.of())).hasMessage("f: no value for ${heap}");
        assertThatThrownBy(() -> SlotTemplate.compose("t", template, "f", extra, Map.of())).hasMessage("f: values [heep] are used nowhere");
        assertThatThrownBy(() -> SlotTemplate.compose("t", template, "f", unknownSlot, Map.of())).hasMessage("f: slots [tail] are not in t");
        assertThatThrownBy(() -> SlotTemplate.parseFragment("f", "heap: 1m\n")).hasMessage("f:1: text outside a slot: heap: 1m");
        assertThatThrownBy(() -> SlotTemplate.parseFragment("f", "#@ slot head\nx\n")).hasMessage("f:1: slot without #@ end");
    }

    @Test
    void aSchemaFragmentAddsPropertiesAndRequiredNamesInOrder() {
        var common = SchemaJson.parse("""
                {"type": "object", "properties": {"b": {"type": "string"}, "config": {"type": "object"}}, "required": ["b"]}""");
        var fragment = SchemaJson.parse("""
                {"properties": {"config": {"properties": {"x.y": {"pattern": "^\\\\d+é$"}}}, "a": {"enum": [1, true]}}, "required": ["a"]}""");

        assertThat(SchemaJson.print(SchemaJson.compose(common, fragment))).isEqualTo("""
                {
                  "type": "object",
                  "properties": {
                    "b": {
                      "type": "string"
                    },
                    "config": {
                      "type": "object",
                      "properties": {
                        "x.y": {
                          "pattern": "^\\\\d+\\u00e9$"
                        }
                      }
                    },
                    "a": {
                      "enum": [
                        1,
                        true
                      ]
                    }
                  },
                  "required": [
                    "a",
                    "b"
                  ]
                }
                """);
    }

    @Test
    void aSchemaFragmentMayNotReplaceWhatTheCommonSchemaSays() {
        var common = SchemaJson.parse("{\"properties\": {\"port\": {\"type\": \"integer\"}}}");
        var fragment = SchemaJson.parse("{\"properties\": {\"port\": {\"type\": \"string\"}}}");

        assertThatThrownBy(() -> SchemaJson.compose(common, fragment))
                .hasMessage("/properties/port/type: the fragment may add to the common schema, not replace integer with string");
    }
}

package dev.conference.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DumpRendersScratch {
    @Test
    void dump() throws Exception {
        Path out = Path.of("target/renders");
        Files.createDirectories(out);
        for (String v : Charts.variants()) {
            List<Path> values = v.equals("default") ? List.of() : List.of(Path.of("ci", v + "-values.yaml"));
            try {
                Files.writeString(out.resolve(v + ".yaml"), Charts.render("conference-platform", values, Map.of()));
            } catch (Exception e) {
                Files.writeString(out.resolve(v + ".error"), String.valueOf(e.getMessage()));
            }
        }
    }
}

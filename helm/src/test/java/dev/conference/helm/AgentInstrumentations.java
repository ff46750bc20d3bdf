package dev.conference.helm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * The instrumentation names the OpenTelemetry Java agent answers to ({@code otel.instrumentation.<name>.enabled}),
 * read from the agent jar the build ships in the images: each instrumentation module passes its names to its
 * superclass's constructor, so they are string constants of the module's class. Other strings of those classes
 * (class names it looks for, for example) come along; a name that is not there is certainly not one the agent has.
 */
final class AgentInstrumentations {

    private static final String MODULES = "inst/io/opentelemetry/javaagent/instrumentation/";

    private AgentInstrumentations() {
    }

    static Path shippedAgent() {
        return Charts.root().resolve("c4p-service/target/opentelemetry-javaagent.jar");
    }

    static Set<String> namesIn(Path agentJar) throws IOException {
        Set<String> names = new HashSet<>();
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            for (var entry : jar.stream().toList()) {
                if (entry.getName().startsWith(MODULES) && entry.getName().endsWith("InstrumentationModule.classdata")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        names.addAll(stringConstants(in));
                    }
                }
            }
        }
        return names;
    }

    /** The values of a class file's CONSTANT_String entries (JVMS 4.4). */
    static Set<String> stringConstants(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        Set<Integer> strings = new HashSet<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(index, in.readUTF());
                case 8 -> strings.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> values = new HashSet<>();
        strings.forEach(index -> values.add(utf8.get(index)));
        return values;
    }
}

package dev.conference.agenda.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An answer's ETag is the first half of its body's SHA-256, in hex: the gateway tags the answers it keeps the same
 * way and asks with that tag whether they changed, so a different rule here would cost every proxied read its 304.
 */
class RepresentationTest {

    @Test
    void theTagIsTheFirstHalfOfTheBodysSha256() {
        Representation json = Representation.of("[1]".getBytes(StandardCharsets.UTF_8));

        assertThat(json.etag()).isEqualTo("\"080a9ed428559ef602668b4c00f114f1\"");
    }
}

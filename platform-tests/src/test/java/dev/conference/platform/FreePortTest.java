package dev.conference.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void portsAreHandedOutOnceFromBelowTheEphemeralRangeAndAreFree() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Platform.freePort();
            assertThat(port).isBetween(Platform.LISTEN_PORTS_FROM, Platform.LISTEN_PORTS_FROM + Platform.LISTEN_PORTS_SIZE - 1)
                    .isLessThan(32_768);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void aPortSomeoneListensOnIsPassedOver() throws IOException {
        int next = Platform.freePort() + 1;
        try (ServerSocket taken = new ServerSocket()) {
            taken.setReuseAddress(false);
            taken.bind(new InetSocketAddress("127.0.0.1", next));

            assertThat(Platform.freePort()).isNotEqualTo(next);
        }
    }
}

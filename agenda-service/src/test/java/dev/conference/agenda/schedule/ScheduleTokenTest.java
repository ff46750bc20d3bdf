package dev.conference.agenda.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTokenTest {

    @Test
    void aRandomTokenIs128BitsOfUrlSafeBase64WithoutPadding() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = ScheduleToken.random().value();
            assertThat(token).matches("[A-Za-z0-9_-]{22}");
            assertThat(ScheduleToken.parse(token)).contains(new ScheduleToken(token));
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAA=",
            "AAAAAAAAAAAAAAAAAAAA+/", "AAAAAAAAAAAAAAAAAAAA*?", "<script>alert(1)</scri", "AAAAAAAAAAAAAAAAAAA.ics"})
    void anythingElseIsNoToken(String text) {
        assertThat(ScheduleToken.parse(text)).isEmpty();
    }
}

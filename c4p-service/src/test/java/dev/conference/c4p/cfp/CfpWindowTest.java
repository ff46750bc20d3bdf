package dev.conference.c4p.cfp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.c4p.config.C4pProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CfpWindowTest {

    private static final Instant OPENS = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant CLOSES = Instant.parse("2027-02-01T00:00:00Z");

    @Test
    void isOpenFromItsOpeningInstantUntilJustBeforeItsClosingInstant() {
        assertThat(windowAt(OPENS.minusSeconds(1)).status().open()).isFalse();
        assertThat(windowAt(OPENS).status().open()).isTrue();
        assertThat(windowAt(CLOSES.minusSeconds(1)).status().open()).isTrue();
        assertThat(windowAt(CLOSES).status().open()).isFalse();
    }

    @Test
    void refusalBeforeOpeningSaysWhenItOpens() {
        assertThatThrownBy(() -> windowAt(OPENS.minusSeconds(60)).requireOpen())
                .isInstanceOf(CfpClosedException.class)
                .satisfies(e -> assertThat(((CfpClosedException) e).getBody().getDetail()).contains("opens at"));
    }

    @Test
    void windowWithoutBoundsIsAlwaysOpen() {
        CfpWindow window = new CfpWindow(properties(null, null), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assertThat(window.status().open()).isTrue();
    }

    @Test
    void openingMustComeBeforeClosing() {
        assertThatThrownBy(() -> new C4pProperties.Cfp(CLOSES, OPENS)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CfpWindow windowAt(Instant now) {
        return new CfpWindow(properties(OPENS, CLOSES), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static C4pProperties properties(Instant opens, Instant closes) {
        var downstream = new C4pProperties.Endpoint(URI.create("http://localhost"), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        var outbox = new C4pProperties.Outbox(Duration.ofSeconds(1), new C4pProperties.InFlight(10, 10, 10, 10, 10),
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofDays(7),
                Duration.ofMinutes(10), 1000);
        return new C4pProperties(URI.create("http://localhost:8080"), new C4pProperties.Cfp(opens, closes),
                downstream, downstream, outbox);
    }
}

package dev.conference.c4p.cfp;

import dev.conference.c4p.config.C4pProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Whether the Call for Proposals accepts submissions now. */
@Component
public class CfpWindow {

    private final C4pProperties.Cfp cfp;
    private final Clock clock;

    public CfpWindow(C4pProperties properties, Clock clock) {
        this.cfp = properties.cfp();
        this.clock = clock;
    }

    public CfpStatus status() {
        Instant now = clock.instant();
        boolean open = (cfp.opensAt() == null || !now.isBefore(cfp.opensAt()))
                && (cfp.closesAt() == null || now.isBefore(cfp.closesAt()));
        return new CfpStatus(open, cfp.opensAt(), cfp.closesAt());
    }

    /** Refuses with {@link CfpClosedException} unless the window is open. */
    public void requireOpen() {
        CfpStatus status = status();
        if (!status.open()) {
            throw new CfpClosedException(status, clock.instant());
        }
    }
}

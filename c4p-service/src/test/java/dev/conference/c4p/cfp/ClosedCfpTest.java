package dev.conference.c4p.cfp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"c4p.cfp.opens-at=2020-01-01T00:00:00Z", "c4p.cfp.closes-at=2020-03-01T00:00:00Z"})
class ClosedCfpTest extends C4pIntegrationTest {

    @Test
    void submissionAfterTheCloseIsRefusedWithAClearProblem() {
        ResponseEntity<String> refused = postJson("/proposals", submission("Too late", "late@example.com"));

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(isProblem(refused)).isTrue();
        assertThat((String) read(refused, "$.code")).isEqualTo("CFP_CLOSED");
        assertThat((String) read(refused, "$.detail")).contains("closed at 2020-03-01T00:00:00Z");
        assertThat((Integer) read(get("/proposals?q=Too late"), "$.totalItems")).isZero();
    }

    @Test
    void cfpStatusSaysClosed() {
        ResponseEntity<String> cfp = get("/cfp");

        assertThat((Boolean) read(cfp, "$.open")).isFalse();
        assertThat((String) read(cfp, "$.closesAt")).isEqualTo("2020-03-01T00:00:00Z");
    }
}

package dev.conference.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ActuatorTest extends SmtpBackedTest {

    @Test
    void readinessAndLivenessAreUp() {
        client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readinessStaysUpWhileSmtpIsDown() {
        TestSmtpServer.stop();
        try {
            client().get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            client().get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.components.mail.status").isEqualTo("DOWN");
        } finally {
            TestSmtpServer.start();
        }
    }

    @Test
    void prometheusCountsSentEmailsByTemplate() {
        client().post().uri("/emails").contentType(MediaType.APPLICATION_JSON)
                .body(requestJson(uniqueKey(), "PROPOSAL_REJECTED", "ada@example.com", "Metrics"))
                .exchange()
                .expectStatus().isOk();

        String metrics = client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).containsPattern("emails_sent_total\\{.*template=\"PROPOSAL_REJECTED\".*} [1-9]");
    }

    @Test
    void everyTemplatesFailuresAndRefusalsAreCountedFromZero() {
        String metrics = client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        for (String template : List.of("PROPOSAL_RECEIVED", "PROPOSAL_APPROVED", "PROPOSAL_REJECTED",
                "PROPOSAL_WITHDRAWN")) {
            assertThat(metrics).containsPattern("emails_failed_total\\{.*template=\"" + template + "\".*} ")
                    .containsPattern("emails_refused_total\\{.*template=\"" + template + "\".*} ");
        }
    }

    @Test
    void everySeriesCarriesTheApplicationTagTheDashboardAndAlertsSelectBy() {
        String metrics = client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("jvm_info{application=\"email-service\"");
        assertThat(metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank()))
                .allSatisfy(line -> assertThat(line).contains("application=\"email-service\""));
    }

    @Test
    void onlyHealthPrometheusAndInfoAreExposed() {
        client().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        client().get().uri("/actuator/beans").exchange().expectStatus().isNotFound();
        client().get().uri("/actuator/info").exchange().expectStatus().isOk();
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.email.SmtpBackedTest;
import dev.conference.email.template.EmailTemplate;
import dev.conference.testsupport.GlobalTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The SMTP send is a client span in the request's trace (an SDK registered as the global instance
 * stands in for the agent), and each email actually sent is logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmtpSendTracingTest extends SmtpBackedTest {

    @RegisterExtension
    static final GlobalTracing tracing = new GlobalTracing();

    @Autowired
    EmailSender sender;

    @Test
    void theSmtpSendIsAClientSpanOfTheRequest() {
        String key = uniqueKey();
        Span request = tracing.tracer().spanBuilder("POST /emails").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            sender.send(request(key));
        } finally {
            request.end();
        }

        SpanData smtp = tracing.finishedSpans().stream()
                .filter(span -> span.getName().equals("smtp send"))
                .filter(span -> span.getTraceId().equals(request.getSpanContext().getTraceId()))
                .findFirst().orElseThrow();
        assertThat(smtp.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(smtp.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(smtp.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(smtp.getAttributes().get(AttributeKey.stringKey("email.template"))).isEqualTo("PROPOSAL_APPROVED");
        assertThat(smtp.getAttributes().get(AttributeKey.stringKey("email.message_id")))
                .isEqualTo(MessageId.forKey(key, "conference-platform.local").value());
    }

    @Test
    void anEmailSentIsLoggedOnceWithItsKeyAndARepeatIsNot(CapturedOutput output) {
        String key = "proposal:" + UUID.randomUUID() + ":decision-email";

        sender.send(request(key));
        sender.send(request(key));

        assertThat(output.getOut().lines().filter(line -> line.contains(key))).singleElement()
                .satisfies(line -> assertThat(line).contains("INFO", "Sent PROPOSAL_APPROVED"));
    }

    private static SendEmailRequest request(String key) {
        return new SendEmailRequest(key, EmailTemplate.PROPOSAL_APPROVED, "ada@example.com", "Ada Lovelace",
                "Traced talk", "http://localhost:8080/track/abc");
    }
}

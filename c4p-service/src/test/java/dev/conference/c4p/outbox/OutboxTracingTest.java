package dev.conference.c4p.outbox;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import dev.conference.c4p.decision.DecisionService;
import dev.conference.c4p.proposal.ProposalStatus;
import dev.conference.testsupport.GlobalTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relay delivers each event in the trace of the request that recorded it. An OpenTelemetry SDK
 * with an in-memory exporter stands in for the agent, which registers itself the same way (as the
 * global instance); the other test classes run without one, as the service does without the agent.
 */
class OutboxTracingTest extends C4pIntegrationTest {

    @RegisterExtension
    static final GlobalTracing tracing = new GlobalTracing();

    @Autowired
    DecisionService decisions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void deliveriesOfADecisionAndTheirRetriesAreChildrenOfTheDecisionsSpan() {
        String id = submit("Traced decision");
        agenda.answerNext(503, 1);

        Span decision = tracing.tracer().spanBuilder("POST /proposals/{id}/decision").startSpan();
        try (Scope ignored = decision.makeCurrent()) {
            decisions.decide(UUID.fromString(id), ProposalStatus.APPROVED, "olivia");
        } finally {
            decision.end();
        }

        eventually(Duration.ofSeconds(15), () -> deliverySpans(id, "AGENDA_ENTRY").stream()
                .anyMatch(span -> "delivered".equals(attribute(span, "outbox.outcome"))), "the agenda entry is delivered");
        eventually(Duration.ofSeconds(15), () -> !deliverySpans(id, "DECISION_EMAIL").isEmpty(), "the email is delivered");
        List<SpanData> agendaAttempts = deliverySpans(id, "AGENDA_ENTRY");
        assertThat(agendaAttempts).extracting(span -> span.getAttributes().get(AttributeKey.longKey("outbox.attempt")))
                .containsExactly(1L, 2L);
        assertThat(agendaAttempts).extracting(span -> attribute(span, "outbox.outcome")).containsExactly("retry", "delivered");
        assertThat(agendaAttempts.getFirst().getStatus().getStatusCode().name()).isEqualTo("ERROR");
        assertThat(concat(agendaAttempts, deliverySpans(id, "DECISION_EMAIL"))).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(decision.getSpanContext().getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(decision.getSpanContext().getSpanId());
            assertThat(attribute(span, "proposal.id")).isEqualTo(id);
            assertThat(attribute(span, "decision")).isEqualTo("APPROVED");
        });
        assertThat(storedTraceparents(id, "AGENDA_ENTRY")).containsExactly("00-%s-%s-01".formatted(
                decision.getSpanContext().getTraceId(), decision.getSpanContext().getSpanId()));
    }

    @Test
    void eventsRecordedOutsideATraceAreDeliveredInTracesOfTheirOwn() {
        String id = submit("Untraced submission");

        eventually(Duration.ofSeconds(15), () -> !deliverySpans(id, "RECEIVED_EMAIL").isEmpty(), "the email is delivered");
        SpanData delivery = deliverySpans(id, "RECEIVED_EMAIL").getFirst();
        assertThat(delivery.getParentSpanContext().isValid()).isFalse();
        assertThat(delivery.getSpanContext().isValid()).isTrue();
        assertThat(attribute(delivery, "outbox.kind")).isEqualTo("RECEIVED_EMAIL");
        assertThat(attribute(delivery, "decision")).isNull();
        assertThat(storedTraceparents(id, "RECEIVED_EMAIL")).containsOnlyNulls();
    }

    private static List<SpanData> deliverySpans(String proposalId, String kind) {
        return tracing.finishedSpans().stream()
                .filter(span -> span.getName().equals("outbox deliver " + kind))
                .filter(span -> proposalId.equals(attribute(span, "proposal.id")))
                .toList();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static List<SpanData> concat(List<SpanData> first, List<SpanData> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private List<String> storedTraceparents(String proposalId, String kind) {
        return jdbc.sql("select traceparent from outbox_event where proposal_id = :id and kind = :kind")
                .param("id", UUID.fromString(proposalId)).param("kind", kind)
                .query(String.class).list();
    }
}

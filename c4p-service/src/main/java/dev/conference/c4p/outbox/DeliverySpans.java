package dev.conference.c4p.outbox;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

/**
 * One span per delivery attempt, a child of the span that recorded the event (its parent may have
 * ended long ago: a retry hours later still belongs to the decision's trace). The HTTP call to the
 * receiver, and with it the receiver's work, nests under it. Without the OpenTelemetry agent the
 * global tracer is a no-op and so are these spans.
 */
final class DeliverySpans {

    private static final String INSTRUMENTATION_SCOPE = "dev.conference.c4p.outbox";

    private DeliverySpans() {
    }

    static Span start(OutboxStore.ClaimedEvent event, int attempt) {
        SpanBuilder span = GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE)
                .spanBuilder("outbox deliver " + event.kind())
                .setParent(event.trace().restore())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("proposal.id", event.proposalId().toString())
                .setAttribute("outbox.kind", event.kind().name())
                .setAttribute("outbox.attempt", attempt)
                .setAttribute("outbox.event.id", event.id().toString());
        if (event.kind().followsDecision() && event.proposalStatus() != null) {
            span.setAttribute("decision", event.proposalStatus());
        }
        return span.startSpan();
    }

    static void outcome(Span span, String outcome, String error) {
        span.setAttribute("outbox.outcome", outcome);
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error);
        }
    }
}

package dev.conference.c4p.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C trace context stored with an outbox event: taken from the recording transaction's current
 * span, and restored by the relay as the parent of every delivery attempt. Empty without a tracer
 * (no agent), and then the deliveries start traces of their own, as before.
 */
record TraceContext(String traceparent, String tracestate) {

    static final TraceContext NONE = new TraceContext(null, null);
    private static final int MAX_TRACEPARENT = 128;
    private static final int MAX_TRACESTATE = 512;

    static TraceContext current() {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        String traceparent = headers.get("traceparent");
        if (traceparent == null || traceparent.length() > MAX_TRACEPARENT) {
            return NONE;
        }
        String tracestate = headers.get("tracestate");
        // A vendor's oversized state is dropped rather than cut: a cut list would be invalid.
        return new TraceContext(traceparent, tracestate == null || tracestate.length() > MAX_TRACESTATE ? null : tracestate);
    }

    /** The stored context as the parent of new spans; the root context when none was stored. */
    Context restore() {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("traceparent", traceparent);
        if (tracestate != null) {
            headers.put("tracestate", tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MapGetter.INSTANCE);
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}

package dev.conference.testsupport;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An OpenTelemetry SDK that keeps the spans it is sent in memory, registered as the global instance for
 * one test class (with {@code @RegisterExtension} on a static field): it stands in for the agent, which
 * registers itself the same way. Other test classes run without one, as a service does without the agent.
 */
public final class GlobalTracing implements BeforeAllCallback, AfterAllCallback {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;

    @Override
    public void beforeAll(ExtensionContext context) {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(sdk);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        GlobalOpenTelemetry.resetForTest();
        sdk.close();
    }

    /** A tracer of the test's own, for the spans a test starts as a caller would. */
    public Tracer tracer() {
        return sdk.getTracer("test");
    }

    public List<SpanData> finishedSpans() {
        return spans.getFinishedSpanItems();
    }
}

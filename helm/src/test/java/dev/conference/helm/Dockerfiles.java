package dev.conference.helm;

/** What the charts rely on the images for. */
final class Dockerfiles {

    /** Where every image keeps the OpenTelemetry Java agent; the charts load it from there. */
    static final String OTEL_AGENT_PATH = "/opt/opentelemetry/opentelemetry-javaagent.jar";
    /** The non-root user every image runs as; the charts' securityContext uses the same. */
    static final long USER_ID = 10001;

    private Dockerfiles() {
    }
}

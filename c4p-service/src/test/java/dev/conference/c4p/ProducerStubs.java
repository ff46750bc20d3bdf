package dev.conference.c4p;

import dev.conference.c4p.config.C4pProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;

/**
 * The stubs agenda-service and email-service publish from their contracts, run by Stub Runner from
 * this module's test class path (the reactor builds them first), and settings pointing at them.
 */
public final class ProducerStubs {

    private ProducerStubs() {
    }

    public static StubRunnerExtension agendaAndEmail() {
        return new StubRunnerExtension()
                .downloadStub("dev.conference", "agenda-service", "+", "stubs")
                .downloadStub("dev.conference", "email-service", "+", "stubs")
                .stubsMode(StubRunnerProperties.StubsMode.CLASSPATH);
    }

    public static C4pProperties pointingAt(StubRunnerExtension stubs) {
        var agenda = new C4pProperties.Endpoint(URI.create(stubs.findStubUrl("agenda-service").toString()),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        var email = new C4pProperties.Endpoint(URI.create(stubs.findStubUrl("email-service").toString()),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        var outbox = new C4pProperties.Outbox(Duration.ofSeconds(1), new C4pProperties.InFlight(8, 8, 8),
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofDays(7),
                Duration.ofMinutes(10), 1000);
        return new C4pProperties(URI.create("http://localhost:8080"), new C4pProperties.Cfp(null, null), agenda, email,
                outbox);
    }

    /** Circuit breakers as configured in the service: Resilience4j, no time limiter. */
    public static Resilience4JCircuitBreakerFactory breakers() {
        Resilience4JConfigurationProperties settings = new Resilience4JConfigurationProperties();
        settings.setDisableTimeLimiter(true);
        return new Resilience4JCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
                null, settings);
    }
}

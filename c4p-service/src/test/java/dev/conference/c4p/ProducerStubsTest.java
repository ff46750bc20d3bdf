package dev.conference.c4p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.c4p.config.C4pProperties;
import dev.conference.c4p.outbox.DeliveryFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests of c4p-service's clients against the stubs agenda-service and email-service publish
 * from their contracts, run by Stub Runner from this module's test class path (the reactor builds them first).
 */
public abstract class ProducerStubsTest {

    @RegisterExtension
    static final StubRunnerExtension stubs = new StubRunnerExtension()
            .downloadStub("dev.conference", "agenda-service", "+", "stubs")
            .downloadStub("dev.conference", "email-service", "+", "stubs")
            .stubsMode(StubRunnerProperties.StubsMode.CLASSPATH);

    protected final JsonMapper json = JsonMapper.builder().build();

    /** How the service makes one of its clients. */
    @FunctionalInterface
    protected interface ClientConstructor<T> {
        T create(C4pProperties properties, RestClient.Builder builder, CircuitBreakerFactory<?, ?> breakers);
    }

    /** A client made as the service makes it, with settings pointing at the stubs. */
    protected static <T> T newClient(ClientConstructor<T> constructor) {
        return constructor.create(pointingAt(stubs), RestClient.builder(), breakers());
    }

    /** The delivery fails for good: the relay gives the event up. */
    protected static AbstractThrowableAssert<?, ? extends Throwable> assertRefusal(ThrowingCallable delivery) {
        return assertThatThrownBy(delivery)
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isTrue());
    }

    /** The delivery fails for now: the relay tries the event again. */
    protected static AbstractThrowableAssert<?, ? extends Throwable> assertRetry(ThrowingCallable delivery) {
        return assertThatThrownBy(delivery)
                .isInstanceOfSatisfying(DeliveryFailure.class, failure -> assertThat(failure.isPermanent()).isFalse());
    }

    private static C4pProperties pointingAt(StubRunnerExtension stubs) {
        var agenda = new C4pProperties.Endpoint(URI.create(stubs.findStubUrl("agenda-service").toString()),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        var email = new C4pProperties.Endpoint(URI.create(stubs.findStubUrl("email-service").toString()),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        var outbox = new C4pProperties.Outbox(Duration.ofSeconds(1), new C4pProperties.InFlight(8, 8, 8, 8, 8),
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofDays(7),
                Duration.ofMinutes(10), 1000);
        return new C4pProperties(URI.create("http://localhost:8080"), new C4pProperties.Cfp(null, null), agenda, email,
                outbox);
    }

    /** Circuit breakers as configured in the service: Resilience4j, no time limiter. */
    private static Resilience4JCircuitBreakerFactory breakers() {
        Resilience4JConfigurationProperties settings = new Resilience4JConfigurationProperties();
        settings.setDisableTimeLimiter(true);
        return new Resilience4JCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
                null, settings);
    }
}

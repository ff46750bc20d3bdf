package dev.conference.email;

import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The whole service on a random port, sending through {@link TestSmtpServer}; one context for all subclasses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SmtpBackedTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestSmtpServer::port);
    }

    protected RestTestClient client() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    protected static String uniqueKey() {
        return "test:" + UUID.randomUUID();
    }

    protected static String requestJson(String key, String template, String to, String title) {
        return """
                {"idempotencyKey":"%s","template":"%s","to":"%s","speakerName":"Ada Lovelace",\
                "proposalTitle":"%s","trackingUrl":"http://localhost:8080/track/abc"}"""
                .formatted(key, template, to, title);
    }
}

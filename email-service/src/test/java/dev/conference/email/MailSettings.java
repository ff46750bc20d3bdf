package dev.conference.email;

import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the service's mail sender at an SMTP server a test runs on the loopback address. */
public final class MailSettings {

    private MailSettings() {
    }

    public static void useSmtpServerOn(DynamicPropertyRegistry registry, Supplier<Object> port) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", port);
    }
}

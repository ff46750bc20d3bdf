package dev.conference.email;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service on a random port, sending through {@link TestSmtpServer}; one context for all subclasses. */
public abstract class SmtpBackedTest extends EmailServiceTest {

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, TestSmtpServer::port);
    }
}

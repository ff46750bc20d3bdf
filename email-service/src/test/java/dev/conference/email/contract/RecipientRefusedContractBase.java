package dev.conference.email.contract;

import dev.conference.email.RefusingSmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Contracts of the service whose SMTP server refuses every recipient for good. */
public abstract class RecipientRefusedContractBase extends ContractBase {

    private static final RefusingSmtpServer smtp =
            RefusingSmtpServer.start("550 5.1.1 <nobody@example.com>: User unknown");

    @DynamicPropertySource
    static void refusingSmtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }
}

package dev.conference.email.contract;

import dev.conference.email.MailSettings;
import dev.conference.email.RefusingSmtpServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Contracts of the service whose SMTP server refuses every recipient for good. */
public abstract class RecipientRefusedContractBase extends ContractBase {

    @RegisterExtension
    static final RefusingSmtpServer smtp = new RefusingSmtpServer("550 5.1.1 <nobody@example.com>: User unknown");

    @DynamicPropertySource
    static void refusingSmtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, smtp::port);
    }
}

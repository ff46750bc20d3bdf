package dev.conference.email.contract;

import dev.conference.email.MailSettings;
import dev.conference.email.TestSmtpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Contracts of a working service: it sends through GreenMail. */
public abstract class EmailContractBase extends ContractBase {

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, TestSmtpServer::port);
    }
}

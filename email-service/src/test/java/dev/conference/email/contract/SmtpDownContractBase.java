package dev.conference.email.contract;

import dev.conference.email.MailSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Contracts of the service whose SMTP server is unreachable: a port nothing listens on. */
public abstract class SmtpDownContractBase extends ContractBase {

    @DynamicPropertySource
    static void smtpDown(DynamicPropertyRegistry registry) {
        MailSettings.useSmtpServerOn(registry, SmtpDownContractBase::closedPort);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

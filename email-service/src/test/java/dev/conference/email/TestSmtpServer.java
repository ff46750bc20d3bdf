package dev.conference.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * One real SMTP server (GreenMail) for the integration tests of this JVM, on a free port so parallel
 * builds on the same machine do not collide. Tests may stop it and start it again on the same port.
 */
public final class TestSmtpServer {

    private static final ServerSetup SETUP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    private static GreenMail server;

    private TestSmtpServer() {
    }

    public static synchronized int port() {
        if (server == null) {
            start();
        }
        return SETUP.getPort();
    }

    public static synchronized void start() {
        server = new GreenMail(SETUP);
        server.start();
    }

    public static synchronized void stop() {
        server.stop();
    }

    /** The messages received with this Message-ID: each test uses its own idempotency keys. */
    public static synchronized List<MimeMessage> messagesWithId(String messageId) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> messageId.equals(messageIdOf(message)))
                .toList();
    }

    private static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

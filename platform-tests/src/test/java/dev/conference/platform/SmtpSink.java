package dev.conference.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) that can be taken down and brought back on the same port. */
public final class SmtpSink {

    private final int port;
    private GreenMail server;

    SmtpSink(int port) {
        this.port = port;
    }

    public synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** Messages received since the sink last started, addressed to {@code recipient}. */
    public synchronized List<MimeMessage> messagesTo(String recipient) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a instanceof InternetAddress internet && recipient.equals(internet.getAddress()));
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** The subjects of {@link #messagesTo(String) the messages to} {@code recipient}. */
    public List<String> subjectsTo(String recipient) {
        return messagesTo(recipient).stream().map(message -> {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

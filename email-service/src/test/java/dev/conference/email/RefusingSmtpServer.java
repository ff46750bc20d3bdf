package dev.conference.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that answers {@code RCPT TO} with a reply the test chooses (GreenMail accepts
 * every recipient). It takes a message after {@code DATA} like any server, and counts them, so a test
 * can tell that nothing was sent.
 */
public final class RefusingSmtpServer extends LoopbackServer {

    private final AtomicInteger messages = new AtomicInteger();
    private volatile String recipientReply;

    /** A server answering every {@code RCPT TO} with {@code recipientReply}, e.g. {@code 550 5.1.1 User unknown}. */
    public RefusingSmtpServer(String recipientReply) {
        super("refusing-smtp");
        this.recipientReply = recipientReply;
        startAccepting();
    }

    public void answerRecipients(String reply) {
        recipientReply = reply;
    }

    /** How many messages the server took after DATA. */
    public int messagesReceived() {
        return messages.get();
    }

    @Override
    protected void serve(Socket connection) {
        try (connection;
             var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
             Writer out = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 refusing.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 refusing.test");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "RCPT" -> reply(out, recipientReply);
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message itself is of no interest
                        }
                        messages.incrementAndGet();
                        reply(out, "250 2.0.0 Queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }
}

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** The local SMTP server (GreenMail) with a web page listing every email it received, newest first. */
final class MailSink {

    private MailSink() {
    }

    static void run(int smtpPort, int httpPort, String site) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 20);
        web.setExecutor(Executors.newFixedThreadPool(2));
        web.createContext("/", exchange -> inbox(exchange, smtp, site));
        web.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.stop(0);
            smtp.stop();
            stopped.countDown();
        }));
        System.out.println("SMTP on 127.0.0.1:" + smtpPort + ", inbox on http://localhost:" + httpPort);
        stopped.await();
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private static void inbox(HttpExchange exchange, GreenMail smtp, String site) throws IOException {
        List<MimeMessage> messages = new ArrayList<>(Arrays.asList(smtp.getReceivedMessages()));
        Collections.reverse(messages);
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5">
                <title>Local inbox</title><style>
                body{font-family:system-ui,sans-serif;margin:0;background:#f5f6fb;color:#1b1f3b}
                header{background:#312e81;color:#fff;padding:1rem 1.5rem}h1{margin:0;font-size:1.3rem}
                main{max-width:900px;margin:1.5rem auto;padding:0 1rem}
                article{background:#fff;border:1px solid #e3e5ef;border-radius:12px;padding:1rem 1.25rem;margin-bottom:1rem}
                h2{font-size:1.1rem;margin:.2rem 0}.meta{color:#5b6078;font-size:.9rem}
                pre{white-space:pre-wrap;font-family:inherit;background:#f5f6fb;padding:.75rem;border-radius:8px}
                </style></head><body><header><h1>Local inbox</h1>
                <p>Every email the platform sent on this machine (newest first; this page refreshes itself).</p></header><main>
                """);
        if (messages.isEmpty()) {
            String submit = escape(site + "/submit");
            html.append("<p>No email yet. Submit a proposal at <a href=\"").append(submit).append("\">").append(submit).append("</a>.</p>");
        }
        for (MimeMessage message : messages) {
            try {
                html.append("<article><h2>").append(escape(message.getSubject())).append("</h2><p class=\"meta\">To ")
                        .append(escape(Arrays.toString(message.getRecipients(Message.RecipientType.TO))))
                        .append(" · from ").append(escape(Arrays.toString(message.getFrom())))
                        .append(" · ").append(message.getSentDate() == null ? "" : TIME.format(message.getSentDate().toInstant()))
                        .append("<br>Message-ID ").append(escape(message.getMessageID())).append("</p><pre>")
                        .append(escape(plainText(message))).append("</pre></article>");
            } catch (Exception e) {
                html.append("<article>unreadable message: ").append(escape(e.toString())).append("</article>");
            }
        }
        html.append("</main></body></html>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = plainText(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conference.email.LoopbackServer;
import dev.conference.email.SmtpProxy;
import dev.conference.email.TestSmtpServer;
import dev.conference.email.config.SmtpPoolProperties;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The pool against a real SMTP server (GreenMail), seen through a proxy that counts the connections. */
class SmtpConnectionPoolTest {

    private static final SmtpPoolProperties DEFAULTS = new SmtpPoolProperties(8, Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final SmtpProxy proxy = new SmtpProxy(TestSmtpServer.port());
    private final List<SmtpConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(SmtpConnectionPool::destroy);
        proxy.close();
    }

    @Test
    void messagesOneAfterAnotherShareOneConnection() throws Exception {
        SmtpConnectionPool pool = pool(proxy.port(), DEFAULTS);

        List<MessageId> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(pool));
        }

        assertThat(sent).allSatisfy(id -> assertThat(TestSmtpServer.messagesWithId(id.value())).hasSize(1));
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheMessageStillSent() throws Exception {
        SmtpConnectionPool pool = pool(proxy.port(), DEFAULTS);
        send(pool);
        proxy.dropConnections();

        assertTheNextSendConnectsAgain(pool);
    }

    @Test
    void concurrentSendsNeverOpenMoreConnectionsThanTheLimit() throws Exception {
        SmtpConnectionPool pool = pool(proxy.port(), new SmtpPoolProperties(2, Duration.ofSeconds(30), Duration.ofSeconds(10)));

        List<Future<MessageId>> sends = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                sends.add(threads.submit(() -> send(pool)));
            }
        }

        for (Future<MessageId> sent : sends) {
            assertThat(TestSmtpServer.messagesWithId(sent.get().value())).hasSize(1);
        }
        assertThat(proxy.mostConnectionsOpenAtOnce()).isLessThanOrEqualTo(2);
        assertThat(proxy.connectionsAccepted()).isBetween(1, 2);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeoutAndTheNextSendConnectsAgain() throws Exception {
        SmtpConnectionPool pool = pool(proxy.port(), new SmtpPoolProperties(8, Duration.ofMillis(200), Duration.ofSeconds(5)));
        send(pool);

        assertTheNextSendConnectsAgain(pool);
    }

    @Test
    void closingThePoolClosesItsConnections() throws Exception {
        SmtpConnectionPool pool = pool(proxy.port(), DEFAULTS);
        send(pool);
        assertThat(proxy.connectionsOpen()).isEqualTo(1);

        pool.destroy();

        eventually(() -> proxy.connectionsOpen() == 0);
    }

    @Test
    void aSendFindingEveryConnectionBusyGivesUpAfterTheAcquireTimeout() throws Exception {
        try (var silent = LoopbackServer.silent()) {
            SmtpConnectionPool pool = pool(silent.port(),
                    new SmtpPoolProperties(1, Duration.ofSeconds(30), Duration.ofMillis(200)));
            // The only place waits for a greeting that never comes, until mail.smtp.timeout.
            Thread stuck = Thread.ofVirtual().start(() -> {
                try {
                    send(pool);
                } catch (Exception expected) {
                    // the silent server times it out
                }
            });
            eventually(() -> silent.connectionsAccepted() > 0);

            assertThatThrownBy(() -> send(pool)).isInstanceOf(MessagingException.class)
                    .hasMessageContaining("SMTP connections stayed busy for 200 ms");
            stuck.join();
        }
    }

    /** Once the pool's only connection is gone, the next message is sent on a second one. */
    private void assertTheNextSendConnectsAgain(SmtpConnectionPool pool) throws Exception {
        eventually(() -> proxy.connectionsOpen() == 0);

        MessageId next = send(pool);

        assertThat(TestSmtpServer.messagesWithId(next.value())).hasSize(1);
        assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }

    private SmtpConnectionPool pool(int port, SmtpPoolProperties settings) {
        var server = new JavaMailSenderImpl();
        server.setHost("127.0.0.1");
        server.setPort(port);
        var properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "2000");
        properties.setProperty("mail.smtp.writetimeout", "2000");
        server.setJavaMailProperties(properties);
        var pool = new SmtpConnectionPool(server, settings);
        pools.add(pool);
        return pool;
    }

    private static MessageId send(SmtpConnectionPool pool) throws MessagingException {
        MessageId id = MessageId.forKey("pool:" + UUID.randomUUID(), "conference-platform.local");
        var message = new FixedIdMimeMessage(new JavaMailSenderImpl().getSession(), id);
        message.setFrom(new InternetAddress("cfp@conference.local"));
        message.setRecipient(RecipientType.TO, new InternetAddress("ada@example.com"));
        message.setSubject("Pooled");
        message.setText("Sent on a pooled connection.");
        message.saveChanges();
        pool.send(message);
        return id;
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

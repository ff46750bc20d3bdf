package dev.conference.email.message;

import dev.conference.email.config.SmtpPoolProperties;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Connected SMTP sessions kept open between messages, at most {@code email.smtp-pool.max-connections}.
 *
 * <p>A send takes the most recently used idle connection (so that connections beyond what the load
 * needs stay unused and are closed after {@code idle-timeout}), or connects when none is idle. A
 * connection that fails is closed, never reused. When a reused connection fails because the server
 * closed it meanwhile (an I/O error, or {@code 421}), the message is sent once more on a new
 * connection: such a failure happens at the start of the transaction, before the server took the
 * message.
 *
 * <p>Host, port, login, protocol and the JavaMail properties are Spring Boot's {@code spring.mail.*},
 * read from its {@link JavaMailSenderImpl}, which also serves the mail health indicator.
 */
@Component
class SmtpConnectionPool implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnectionPool.class);

    private final JavaMailSenderImpl server;
    private final Session session;
    private final Semaphore places;
    private final SmtpPoolProperties settings;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;

    SmtpConnectionPool(JavaMailSenderImpl server, SmtpPoolProperties settings) {
        this.server = server;
        this.session = server.getSession();
        this.settings = settings;
        this.places = new Semaphore(settings.maxConnections(), true);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("smtp-pool-sweeper").daemon().factory());
        long period = Math.max(settings.idleTimeout().toMillis() / 2, 50);
        sweeper.scheduleWithFixedDelay(this::closeIdleConnections, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends the message (saved already) to its recipients, on an idle connection or a new one.
     *
     * @throws MessagingException as JavaMail reports the failure, or when no connection was free
     *                            within {@code acquire-timeout}
     */
    void send(MimeMessage message) throws MessagingException {
        acquirePlace();
        try {
            Connection reused = takeIdle();
            if (reused != null) {
                try {
                    reused.send(message);
                    giveBack(reused);
                    return;
                } catch (MessagingException e) {
                    closeInBackground(reused);
                    if (!closedByServer(e)) {
                        throw e;
                    }
                    log.debug("The SMTP server closed an idle connection ({}); sending on a new one", e.getMessage());
                }
            }
            Connection fresh = connect();
            try {
                fresh.send(message);
            } catch (MessagingException | RuntimeException e) {
                closeInBackground(fresh);
                throw e;
            }
            giveBack(fresh);
        } finally {
            places.release();
        }
    }

    /** Closes every idle connection and, as they come back, the busy ones. */
    @Override
    public void destroy() {
        closed = true;
        sweeper.shutdownNow();
        for (Connection connection : drainIdle()) {
            connection.close();
        }
    }

    private void acquirePlace() throws MessagingException {
        Duration wait = settings.acquireTimeout();
        try {
            if (!places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MessagingException("all " + settings.maxConnections()
                        + " SMTP connections stayed busy for " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for an SMTP connection", e);
        }
    }

    private Connection connect() throws MessagingException {
        String username = server.getUsername();
        String password = server.getPassword();
        // As JavaMailSenderImpl does: an empty login means none, and the protocol defaults to smtp.
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        String protocol = server.getProtocol();
        if (protocol == null) {
            protocol = session.getProperty("mail.transport.protocol");
        }
        Transport transport = session.getTransport(protocol == null ? "smtp" : protocol);
        transport.connect(server.getHost(), server.getPort(), username, password);
        return new Connection(transport);
    }

    private synchronized Connection takeIdle() {
        return idle.pollFirst();
    }

    private void giveBack(Connection connection) {
        synchronized (this) {
            if (!closed) {
                connection.lastUsedAt = System.nanoTime();
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    private synchronized List<Connection> drainIdle() {
        List<Connection> all = new ArrayList<>(idle);
        idle.clear();
        return all;
    }

    private void closeIdleConnections() {
        long idleSince = System.nanoTime() - settings.idleTimeout().toNanos();
        List<Connection> expired = new ArrayList<>();
        synchronized (this) {
            // The least recently used are at the end.
            while (!idle.isEmpty() && idle.peekLast().lastUsedAt - idleSince <= 0) {
                expired.add(idle.pollLast());
            }
        }
        expired.forEach(Connection::close);
    }

    /** Closing says QUIT and waits for the answer: a failed send does not wait for that too. */
    private static void closeInBackground(Connection connection) {
        Thread.ofVirtual().name("smtp-close").start(connection::close);
    }

    /**
     * Whether a reused connection failed because the server had closed it: an I/O error other than a
     * timeout (a slow server is not helped by a second try), or {@code 421} ("closing the connection").
     * A reply refusing the sender, a recipient or the message is the answer, whatever the connection.
     */
    private static boolean closedByServer(MessagingException failure) {
        if (failure instanceof SMTPSendFailedException reply) {
            return reply.getReturnCode() == 421;
        }
        if (failure instanceof SendFailedException) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return false;
            }
        }
        return true;
    }

    /** One connected SMTP session; used by one send at a time. */
    private static final class Connection {

        private final Transport transport;
        private long lastUsedAt = System.nanoTime();

        Connection(Transport transport) {
            this.transport = transport;
        }

        void send(MimeMessage message) throws MessagingException {
            Address[] recipients = message.getAllRecipients();
            transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
        }

        void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("Closing an SMTP connection failed: {}", e.getMessage());
            }
        }
    }
}

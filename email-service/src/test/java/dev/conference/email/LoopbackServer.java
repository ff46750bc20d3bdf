package dev.conference.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A TCP server on a free port of the loopback address that serves each connection it accepts on a
 * virtual thread of its own. Closing it closes the connections it left open too; registered with
 * {@code @RegisterExtension} on a static field, it closes after the test class.
 */
public abstract class LoopbackServer implements AutoCloseable, AfterAllCallback {

    private final String name;
    private final ServerSocket socket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    /** Binds the port; a subclass calls {@link #startAccepting()} once its own fields are set. */
    protected LoopbackServer(String name) {
        this.name = name;
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts connections and never says a word on them, as a hung SMTP server. */
    public static LoopbackServer silent() {
        return new Silent();
    }

    /** Talks with one client; the connection stays open after it returns unless it closed it. */
    protected abstract void serve(Socket connection);

    protected final void startAccepting() {
        Thread.ofVirtual().name(name).start(this::accept);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        closeQuietly(socket);
        open.forEach(LoopbackServer::closeQuietly);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    protected static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                accepted.incrementAndGet();
                Thread.ofVirtual().start(() -> serveThenForget(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveThenForget(Socket connection) {
        try {
            serve(connection);
        } finally {
            if (connection.isClosed()) {
                open.remove(connection);
            }
        }
    }

    private static final class Silent extends LoopbackServer {

        Silent() {
            super("silent-server");
            startAccepting();
        }

        @Override
        protected void serve(Socket connection) {
            // keeps the connection open and says nothing
        }
    }
}

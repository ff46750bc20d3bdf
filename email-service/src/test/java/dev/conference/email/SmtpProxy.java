package dev.conference.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an SMTP server that counts the connections clients open, knows how many
 * are open now, and can drop them all as a server does when it restarts or times a client out.
 */
public final class SmtpProxy extends LoopbackServer {

    private final int targetPort;
    private final AtomicInteger mostOpenAtOnce = new AtomicInteger();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    /** A proxy to the SMTP server on this port of the loopback address. */
    public SmtpProxy(int targetPort) {
        super("smtp-proxy");
        this.targetPort = targetPort;
        startAccepting();
    }

    /** Connections open now: a client's connection counts until the client or the proxy closes it. */
    public int connectionsOpen() {
        return clients.size();
    }

    /** The most connections that were open at the same time. */
    public int mostConnectionsOpenAtOnce() {
        return mostOpenAtOnce.get();
    }

    /** Closes every open connection, without a word to the client. */
    public void dropConnections() {
        for (Socket client : clients) {
            closeQuietly(client);
        }
    }

    @Override
    protected void serve(Socket client) {
        clients.add(client);
        mostOpenAtOnce.accumulateAndGet(clients.size(), Math::max);
        try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread toServer = Thread.ofVirtual().start(() -> copy(client, server));
            copy(server, client);
            toServer.join();
        } catch (IOException | InterruptedException e) {
            // the server is not there, or the client went away
        } finally {
            clients.remove(client);
        }
    }

    /** Copies until either side closes, then closes both, as a connection that ends does. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // closed by the other side or by dropConnections
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }
}

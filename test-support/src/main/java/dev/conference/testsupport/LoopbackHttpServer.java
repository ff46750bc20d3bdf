package dev.conference.testsupport;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** A JDK HTTP server on a free port of 127.0.0.1, a virtual thread per exchange: a stand-in for a service. */
public final class LoopbackHttpServer {

    private LoopbackHttpServer() {
    }

    /** Starts a server that answers the requests under {@code path} with {@code handler}. */
    public static HttpServer start(String path, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(path, handler);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

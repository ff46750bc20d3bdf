package dev.conference.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code GET} on a connection the test keeps open, read by hand: for tests of what a server does to the
 * connection itself (a {@code Connection: close} while it drains), which an HTTP client would hide.
 */
public final class KeptAliveGet {

    private KeptAliveGet() {
    }

    /**
     * Sends {@code GET path} on the socket and answers the status line and headers, lower case but for the
     * protocol ({@code HTTP/1.1 200}); the body, of the answer's {@code Content-Length}, is read and dropped.
     */
    public static String send(Socket socket, BufferedReader in, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        List<String> head = new ArrayList<>();
        long length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            String lower = line.toLowerCase(Locale.ROOT);
            head.add(lower);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            }
        }
        for (long skipped = 0; skipped < length; ) {
            long step = in.skip(length - skipped);
            if (step <= 0) {
                throw new IOException("The connection ended " + (length - skipped) + " characters before the body's end");
            }
            skipped += step;
        }
        return String.join("\n", head).replace("http/1.1", "HTTP/1.1");
    }
}

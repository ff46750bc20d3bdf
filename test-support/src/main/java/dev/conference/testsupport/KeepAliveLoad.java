package dev.conference.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A bounded HTTP/1.1 load over kept-alive connections, on plain sockets so that nothing hides a
 * failure: each of a fixed number of workers sends its requests one after the other on one
 * connection, opens a new one when the server closed it (after {@code Connection: close}), and counts
 * what happened to every request. A request the server refused at connect time was never sent;
 * one that met a reset, a close before its answer, a timeout or a 5xx failed after being sent.
 */
public final class KeepAliveLoad {

    /** One request; {@code body} may be null. */
    public record Request(String method, String path, Map<String, String> headers, String body) {

        public static Request get(String path) {
            return new Request("GET", path, Map.of(), null);
        }
    }

    /** What a worker saw of one answered request. */
    public record Answer(Request request, int status, Map<String, String> headers, String body) {
    }

    /**
     * @param sent                 requests written to a connection
     * @param answered             of those, answered with a status line
     * @param closeAnswers         answers that carried {@code Connection: close}
     * @param serverErrors         answers with a 5xx status
     * @param resetAfterSending    sent, then the connection was reset
     * @param closedAfterSending   sent, then the connection ended without an answer
     * @param timedOutAfterSending sent, then no answer within the read timeout
     * @param refusedBeforeSending connections refused at connect time: nothing was sent
     * @param failedOnNewConnection of the requests that failed after sending, those that were the first on their connection
     * @param statuses             answers by status
     */
    public record Figures(long sent, long answered, long closeAnswers, long serverErrors, long resetAfterSending,
                          long closedAfterSending, long timedOutAfterSending, long refusedBeforeSending,
                          long failedOnNewConnection, Map<Integer, Long> statuses) {

        /** Requests that were sent and came to no good: the number a graceful shutdown must keep at zero. */
        public long failedAfterSending() {
            return serverErrors + resetAfterSending + closedAfterSending + timedOutAfterSending;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "sent %d, answered %d (%d with Connection: close), failed after sending %d "
                            + "(5xx %d, reset %d, closed %d, timed out %d; %d on a new connection), refused before sending %d, statuses %s",
                    sent, answered, closeAnswers, failedAfterSending(), serverErrors, resetAfterSending,
                    closedAfterSending, timedOutAfterSending, failedOnNewConnection, refusedBeforeSending, statuses);
        }
    }

    private final String host;
    private final int port;
    private final IntFunction<Request> requests;
    private final long maxRequests;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong closeAnswers = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong reset = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failedOnNewConnection = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final List<Answer> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workers = new ArrayList<>();
    private volatile Consumer<Answer> onAnswer = answer -> { };

    private KeepAliveLoad(String host, int port, IntFunction<Request> requests, long maxRequests) {
        this.host = host;
        this.port = port;
        this.requests = requests;
        this.maxRequests = maxRequests;
    }

    /**
     * Starts {@code connections} workers that send {@code requests.apply(n)} for n = 0, 1, … until
     * {@link #stop()} or until {@code maxRequests} have been sent.
     */
    public static KeepAliveLoad start(String host, int port, int connections, long maxRequests, IntFunction<Request> requests) {
        return start(host, port, connections, maxRequests, requests, answer -> { });
    }

    /** As {@link #start(String, int, int, long, IntFunction)}, handing every answer to {@code onAnswer}. */
    public static KeepAliveLoad start(String host, int port, int connections, long maxRequests, IntFunction<Request> requests,
                                      Consumer<Answer> onAnswer) {
        KeepAliveLoad load = new KeepAliveLoad(host, port, requests, maxRequests);
        load.onAnswer = onAnswer;
        for (int i = 0; i < connections; i++) {
            load.workers.add(Thread.ofPlatform().name("keep-alive-load-" + i).daemon().start(load::work));
        }
        return load;
    }

    /**
     * The same requests, each sent after a pause of its worker: a stop under load must find requests still to
     * send, and an unpaced load of a small answer can run through its whole bound before the stop begins.
     */
    public static IntFunction<Request> paced(Duration pause, IntFunction<Request> requests) {
        return n -> {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return requests.apply(n);
        };
    }

    public long answered() {
        return answered.get();
    }

    public long refusedBeforeSending() {
        return refused.get();
    }

    public long closeAnswers() {
        return closeAnswers.get();
    }

    /** Stops the workers, waits for their requests in flight, and answers the figures. */
    public Figures stop() {
        stopped.set(true);
        workers.forEach(worker -> {
            try {
                worker.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return figures();
    }

    public Figures figures() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        return new Figures(sent.get(), answered.get(), closeAnswers.get(), serverErrors.get(), reset.get(), closed.get(),
                timedOut.get(), refused.get(), failedOnNewConnection.get(), byStatus);
    }

    /** The answers with a 5xx status, for a failure message. */
    public List<Answer> serverErrorAnswers() {
        return List.copyOf(failures);
    }

    private void work() {
        Socket socket = null;
        InputStream in = null;
        boolean reused = false;
        while (!stopped.get()) {
            long n = sequence.getAndIncrement();
            if (n >= maxRequests) {
                break;
            }
            Request request = requests.apply((int) n);
            try {
                if (socket == null) {
                    socket = connect();
                    if (socket == null) {
                        continue;
                    }
                    in = new BufferedInputStream(socket.getInputStream());
                    reused = false;
                }
                write(socket.getOutputStream(), request);
                sent.incrementAndGet();
                Answer answer = read(in, request);
                reused = true;
                record(answer);
                if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
                    closeAnswers.incrementAndGet();
                    socket = close(socket);
                }
            } catch (SocketTimeoutException e) {
                socket = failedAfterSending(timedOut, reused, socket);
            } catch (EOFException e) {
                socket = failedAfterSending(closed, reused, socket);
            } catch (IOException e) {
                socket = failedAfterSending(reset, reused, socket);
            }
        }
        close(socket);
    }

    /** Counts a request that failed after it was sent, in {@code how}; answers the closed (null) connection. */
    private Socket failedAfterSending(AtomicLong how, boolean reused, Socket socket) {
        how.incrementAndGet();
        if (!reused) {
            failedOnNewConnection.incrementAndGet();
        }
        return close(socket);
    }

    /** A new connection, or null when the server refused it (counted; the worker pauses a little). */
    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (ConnectException | SocketTimeoutException e) {
            socket.close();
            refused.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                stopped.set(true);
            }
            return null;
        }
    }

    private void record(Answer answer) {
        answered.incrementAndGet();
        statuses.computeIfAbsent(answer.status(), status -> new AtomicLong()).incrementAndGet();
        if (answer.status() >= 500) {
            serverErrors.incrementAndGet();
            if (failures.size() < 20) {
                failures.add(answer);
            }
        }
        onAnswer.accept(answer);
    }

    private void write(OutputStream out, Request request) throws IOException {
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    private static Answer read(InputStream in, Request request) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new EOFException("closed before the status line");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("HEAD".equals(request.method()) || status == 204 || status == 304) {
            // no body
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                body.write(exactly(in, size));
                line(in);
            }
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not used
            }
        } else if (headers.containsKey("content-length")) {
            body.write(exactly(in, Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Answer(request, status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(String line) throws EOFException {
        if (line == null) {
            throw new EOFException("closed inside a chunked body");
        }
        int semicolon = line.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
    }

    private static byte[] exactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("closed inside the body");
        }
        return bytes;
    }

    /** A line without its CRLF; null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new EOFException("closed inside a line");
        }
        return null;
    }

    private static Socket close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        return null;
    }
}

package org.qvarnmr.camel.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A hostile Qvarn for tests: an HTTP/1.1 proxy on 127.0.0.1 in front of a Qvarn (the embedded one, or the
 * real 0.82) that, per rule, answers garbage, drips, balloons, refuses one route forever or never answers;
 * every request no rule takes is forwarded unchanged. Point the worker at {@link #url()}:
 *
 * <pre>{@code
 * final QvarnMrHarness qvarn = TestQvarn.perTest();   // closed in an @AfterEach method
 * @RegisterExtension final HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
 * ...
 *     hostile.on("GET", "/reports/listeners/*\/notifications").endlessBalloon();
 *     qvarn.bindingsYaml(bindings).runWorker("qvarn.base-url=" + hostile.url());
 * }</pre>
 * (or try-with-resources).
 *
 * <p>Unlike {@code qvarn.server.Faults}, which works inside the embedded server and knows whether a request
 * was performed, this works on the wire: what a broken proxy, load balancer or Qvarn does to the bytes. It
 * holds nothing big in memory (a balloon is written as it goes) and is bounded: at most {@value #MAX_CONNECTIONS}
 * connections, and it closes itself after its lifetime (5 minutes unless given), which ends every drip,
 * balloon and hang.
 */
public final class HostileQvarn implements AutoCloseable, AfterEachCallback {
    static final int MAX_CONNECTIONS = 64;
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_HEAD = 64 * 1024;
    /** Request headers the JDK client sets itself, and hop-by-hop headers a proxy must not pass on. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final String upstream;
    private final ServerSocket server;
    private final HttpClient client;
    private final ThreadPoolExecutor connections;
    private final ScheduledExecutorService timer;
    private final List<HostileRule> rules = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong requests = new AtomicLong();

    private HostileQvarn(URI upstream, Duration lifetime) throws IOException {
        String base = upstream.toString();
        this.upstream = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger count = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> daemon(task, "hostile-qvarn-" + count.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "hostile-qvarn-lifetime"));
        timer.schedule(this::close, lifetime.toMillis(), TimeUnit.MILLISECONDS);
        Thread acceptor = daemon(this::accept, "hostile-qvarn-accept");
        acceptor.start();
    }

    /** A proxy in front of {@code upstream} that closes itself after five minutes. */
    public static HostileQvarn inFrontOf(URI upstream) {
        return inFrontOf(upstream, DEFAULT_LIFETIME);
    }

    /** A proxy in front of {@code upstream} that closes itself after {@code lifetime}. */
    public static HostileQvarn inFrontOf(URI upstream, Duration lifetime) {
        try {
            return new HostileQvarn(upstream, lifetime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** E.g. {@code http://127.0.0.1:43121}: the base URL to give the worker. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * The requests with this method ({@code *}: any) and path ({@code *} any text within a segment,
     * {@code **} any text) from now on; say what to do with them. Rules are tried in the order they were added.
     */
    public HostileRule.Aim on(String method, String pathPattern) {
        return new HostileRule.Aim(this, method, pathPattern);
    }

    /** Every request this proxy read, whatever happened to it. */
    public long requests() {
        return requests.get();
    }

    /** Removes every rule: from now on every request is forwarded (those under way go on until they end). */
    public void clear() {
        rules.forEach(HostileRule::remove);
        rules.clear();
    }

    /** As a JUnit extension ({@code @RegisterExtension}): closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Stops listening and closes every connection: every drip, balloon and hang ends. Idempotent. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(HostileQvarn::closeQuietly);
        connections.shutdownNow();
        timer.shutdownNow();
    }

    void add(HostileRule rule) {
        rules.add(rule);
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    private void accept() {
        while (!isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                open.remove(socket);
                closeQuietly(socket); // more connections than the bound, or closing
            }
        }
    }

    /** One connection: requests one after the other (keep-alive) until the client, a rule or the proxy ends it. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Request request;
            while (!isClosed() && (request = Request.read(in)) != null) {
                requests.incrementAndGet();
                HostileRule rule = ruleFor(request);
                boolean keepOpen = rule == null ? forward(request, out) : apply(rule, request, in, out);
                if (!keepOpen || request.closes()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the proxy closed: nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    private HostileRule ruleFor(Request request) {
        for (HostileRule rule : rules) {
            if (rule.takes(request.method(), request.path())) {
                return rule;
            }
        }
        return null;
    }

    /** Does what the rule says; false when the connection must close afterwards. */
    private boolean apply(HostileRule rule, Request request, InputStream in, OutputStream out) throws IOException {
        rule.begin();
        try {
            HostileRule.Behaviour behaviour = rule.behaviour();
            if (behaviour instanceof HostileRule.Answer answer) {
                write(out, answer.status(), Map.of("Content-Type", List.of(answer.contentType())), answer.body());
                return true;
            }
            if (behaviour instanceof HostileRule.Drip drip) {
                drip(upstreamAnswer(request), drip.every(), out);
            } else if (behaviour instanceof HostileRule.Balloon balloon) {
                balloon(balloon.bytes(), out);
            } else {
                // Hang: reads until the client closes its end (-1) or the proxy closes the socket (an exception);
                // a request after the hanging one is never answered either.
                while (in.read() >= 0) {
                    continue;
                }
            }
            return false;
        } finally {
            rule.end();
        }
    }

    private boolean forward(Request request, OutputStream out) throws IOException {
        out.write(upstreamAnswer(request));
        out.flush();
        return true;
    }

    /** Qvarn's answer to the request, as the bytes of an HTTP/1.1 response with a Content-Length. */
    private byte[] upstreamAnswer(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(upstream + request.target()))
                .timeout(Duration.ofMinutes(2))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking Qvarn", e);
        }
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, answer.statusCode(), headers, "HEAD".equals(request.method()) ? new byte[0] : answer.body());
        return bytes.toByteArray();
    }

    private void drip(byte[] answer, Duration every, OutputStream out) throws IOException {
        for (byte b : answer) {
            if (isClosed()) {
                return;
            }
            out.write(b);
            out.flush();
            pause(every);
        }
    }

    /** Writes the balloon in 64 KB blocks: nothing of it is held beyond one block. */
    private void balloon(long bytes, OutputStream out) throws IOException {
        byte[] block = Balloon.BLOCK;
        boolean endless = bytes < 0;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + (endless ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        long left = bytes;
        while (!isClosed() && (endless || left > 0)) {
            int n = endless ? block.length : (int) Math.min(block.length, left);
            if (endless) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(block, 0, n);
            if (endless) {
                out.write(Balloon.CRLF);
            }
            left -= n;
        }
        out.flush();
    }

    /** Emulated network time between two dripped bytes (not a test wait); ends early when the proxy closes. */
    private void pause(Duration duration) {
        try {
            closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        // no reason phrase: HTTP/1.1 allows an empty one, and no client reads it
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" \r\n");
        headers.forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The balloon's text: a JSON list of resources that goes on and on. */
    private static final class Balloon {
        static final byte[] CRLF = {'\r', '\n'};
        static final byte[] BLOCK = block();

        private static byte[] block() {
            String item = "{\"id\": \"balloon\"}, ";
            StringBuilder text = new StringBuilder("{\"resources\": [");
            while (text.length() + item.length() <= 64 * 1024) {
                text.append(item);
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** One request as read from the wire. */
    private record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
        /** The path without the query. */
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        boolean closes() {
            return headers.getOrDefault("Connection", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("close"));
        }

        /** The next request, or null when the client closed the connection. */
        static Request read(InputStream in) throws IOException {
            String line = line(in);
            while (line != null && line.isEmpty()) {
                line = line(in); // stray CRLF between requests
            }
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                throw new IOException("not an HTTP request line: " + line);
            }
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            int size = line.length();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                size += header.length();
                if (size > MAX_HEAD) {
                    throw new IOException("request head larger than " + MAX_HEAD + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(header.substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                            .add(header.substring(colon + 1).strip());
                }
            }
            return new Request(parts[0], parts[1], headers, body(in, headers));
        }

        private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
            List<String> encoding = headers.getOrDefault("Transfer-Encoding", List.of());
            if (encoding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are dropped
                }
                return body.toByteArray();
            }
            List<String> length = headers.getOrDefault("Content-Length", List.of());
            return length.isEmpty() ? new byte[0] : in.readNBytes(Integer.parseInt(length.get(0)));
        }

        private static int chunkSize(InputStream in) throws IOException {
            String line = line(in);
            if (line == null) {
                throw new IOException("request body ends inside a chunk");
            }
            int semicolon = line.indexOf(';');
            return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
        }

        /** One CRLF- (or LF-) terminated line, or null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    break;
                }
                if (bytes.size() > MAX_HEAD) {
                    throw new IOException("header line longer than " + MAX_HEAD + " bytes");
                }
                bytes.write(b);
            }
            if (b < 0 && bytes.size() == 0) {
                return null;
            }
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }
}

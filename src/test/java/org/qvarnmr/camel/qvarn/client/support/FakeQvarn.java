package org.qvarnmr.camel.qvarn.client.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A tiny scripted HTTP server on 127.0.0.1 that records every request exactly as it arrived (raw path,
 * headers, body) and answers with whatever the test registered. Unmatched requests get bottle's HTML 404.
 */
public final class FakeQvarn implements AutoCloseable {
    /** A request as received; header names are case-insensitive. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                          byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer. */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply json(String json) {
            return json(200, json);
        }

        public static Reply html(int status) {
            return new Reply(status, "text/html; charset=UTF-8",
                    ("<!DOCTYPE html><html><body><h1>Error: " + status + "</h1></body></html>")
                            .getBytes(StandardCharsets.UTF_8));
        }

        /** What Qvarn answers to a DELETE: 200, empty body, bottle's default content type. */
        public static Reply empty() {
            return new Reply(200, "text/html; charset=UTF-8", new byte[0]);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request) throws Exception;
    }

    private record Route(String method, Predicate<String> path, Handler handler) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-qvarn");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Request> received = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeQvarn(SSLContext tls) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    public static FakeQvarn start() {
        return startTls(null);
    }

    /** An HTTPS server presenting the certificate of {@code tls}. */
    public static FakeQvarn startTls(SSLContext tls) {
        try {
            return new FakeQvarn(tls);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code method} on exactly this raw path; a later registration wins over an earlier one. */
    public FakeQvarn on(String method, String rawPath, Handler handler) {
        routes.add(0, new Route(method, rawPath::equals, handler));
        return this;
    }

    /** Answers {@code method} on every raw path starting with {@code prefix}. */
    public FakeQvarn onPrefix(String method, String prefix, Handler handler) {
        routes.add(0, new Route(method, path -> path.startsWith(prefix), handler));
        return this;
    }

    /** A handler that never answers (until the server closes): for response timeouts. */
    public Handler silence() {
        return request -> {
            closing.await();
            return Reply.html(500);
        };
    }

    public List<Request> requests() {
        return new ArrayList<>(received);
    }

    public List<Request> requests(String method, String rawPath) {
        return received.stream().filter(r -> r.method().equals(method) && r.rawPath().equals(rawPath)).toList();
    }

    public Request only(String method, String rawPath) {
        List<Request> matching = requests(method, rawPath);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + rawPath + ", got " + requests());
        }
        return matching.get(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    headers, exchange.getRequestBody().readAllBytes());
            received.add(request);
            Reply reply = answer(request);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private Reply answer(Request request) {
        for (Route route : routes) {
            if (route.method().equals(request.method()) && route.path().test(request.rawPath())) {
                try {
                    return route.handler().handle(request);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Reply.html(500);
                } catch (Exception e) {
                    return Reply.html(500);
                }
            }
        }
        return Reply.html(404);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

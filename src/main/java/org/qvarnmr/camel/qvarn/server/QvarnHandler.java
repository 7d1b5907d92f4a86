package org.qvarnmr.camel.qvarn.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.qvarnmr.camel.qvarn.server.auth.AccessChecker;
import org.qvarnmr.camel.qvarn.server.protocol.ApiError;
import org.qvarnmr.camel.qvarn.server.http.Dispatcher;
import org.qvarnmr.camel.qvarn.server.http.Endpoint;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;
import org.qvarnmr.camel.qvarn.server.http.RouteMatch;
import org.qvarnmr.camel.qvarn.server.http.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline: count, inject faults, route (HTML 404/405), authorise, then serve under
 * the latency model, and inject the faults that come after performing (a lost answer, a 5xx instead of
 * it). Qvarn errors become JSON, anything unexpected an HTML 500.
 */
final class QvarnHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QvarnHandler.class);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final Router router;
    private final Dispatcher dispatcher;
    private final AccessChecker access;
    private final LatencyModel latency;
    private final Semaphore permits;
    private final Faults faults;
    private final RequestStats stats;
    private final Json json;

    QvarnHandler(Router router, Dispatcher dispatcher, AccessChecker access, LatencyModel latency, Faults faults,
            RequestStats stats, Json json) {
        this.router = router;
        this.dispatcher = dispatcher;
        this.access = access;
        this.latency = latency;
        this.permits = latency.maxConcurrent() > 0 ? new Semaphore(latency.maxConcurrent(), true) : null;
        this.faults = faults;
        this.stats = stats;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Request request = read(exchange);
            RouteMatch route = router.match(request.rawPath());
            stats.record(request.method(), route == null ? null : route.template());
            String template = route == null ? null : route.template();
            if (faults.refuseNow(request.method(), template)) {
                // closing an exchange that sent no headers drops the connection without an answer
                return;
            }
            pause(faults.arrivalDelay(request.method(), template));
            Response response = answer(request, route);
            if (response == null) {
                return; // no answer (a lost reply, or a held request let go): the connection closes without one
            }
            send(exchange, request, response);
        } catch (IOException e) {
            // the client went away; nothing to answer, and not worth a log line on stdout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        InetSocketAddress local = exchange.getLocalAddress();
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                local.getHostString() + ":" + local.getPort());
    }

    private Response answer(Request request, RouteMatch route) throws InterruptedException {
        if (route == null) {
            return Response.html(404, "Not found: '" + request.rawPath() + "'");
        }
        String method = request.method();
        if (!route.endpoint().allows(method)) {
            return Response.html(405, "Method not allowed.")
                    .withHeader("Allow", String.join(",", route.endpoint().methods()));
        }
        if (!route.endpoint().needsToken()) {
            return safely(() -> dispatcher.dispatch(request, route));
        }
        Faults.Hit before = faults.hit(Faults.Stage.BEFORE, method, route.template());
        if (before != null && before.kind() == Faults.Kind.FAILED) {
            return Response.html(before.status(), "Injected fault: the request was not performed.");
        }
        if (faults.holdNow(before)) {
            return null; // held, then let go unperformed: the connection closes without an answer
        }
        Response denied = safely(() -> {
            access.check(request, route.scope(method));
            return null;
        });
        return denied != null ? denied : afterPerforming(request, route, serve(request, route));
    }

    /** The answer to send for a performed request, or null to lose it (an ambiguous fault). */
    private Response afterPerforming(Request request, RouteMatch route, Response performed) {
        if (performed.status() < 200 || performed.status() > 299) {
            return performed;
        }
        OptionalInt after = faults.afterPerforming(request.method(), route.template());
        if (after.isEmpty()) {
            return performed;
        }
        return after.getAsInt() == Faults.LOSE_REPLY ? null
                : Response.html(after.getAsInt(), "Injected fault: the request was performed, its answer lost.");
    }

    private Response serve(Request request, RouteMatch route) throws InterruptedException {
        if (permits != null) {
            permits.acquire();
        }
        stats.enter();
        try {
            Response response = safely(() -> dispatcher.dispatch(request, route));
            pause(latency.delay(route.endpoint(), request.method(), rows(route, response)));
            return response;
        } finally {
            stats.exit();
            if (permits != null) {
                permits.release();
            }
        }
    }

    /** The resources a search answered, for the latency model's per-row part; 0 when it does not charge rows. */
    private int rows(RouteMatch route, Response response) {
        if (!latency.chargesRows() || route.endpoint() != Endpoint.SEARCH || response.status() != 200) {
            return 0;
        }
        try {
            return json.parse(response.body()).path("resources").size();
        } catch (IOException e) {
            // cannot happen: this server wrote that JSON itself; the model then charges the fixed part only
            return 0;
        }
    }

    private Response safely(Supplier<Response> action) {
        try {
            return action.get();
        } catch (ApiError e) {
            Response response = Response.json(e.status(), json.bytes(e.body()));
            for (var header : e.headers().entrySet()) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response;
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure serving a request", e);
            return Response.html(500, String.valueOf(e.getMessage()));
        }
    }

    /** Sleeps precisely (Thread.sleep rounds to milliseconds): emulated server time, not a test wait. */
    private static void pause(Duration duration) throws InterruptedException {
        if (duration.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private static void send(HttpExchange exchange, Request request, Response response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        // the JDK server replaces this with its own RFC 1123 date
        headers.set("Date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        response.headers().forEach(headers::set);
        boolean noBody = "HEAD".equals(request.method()) || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}

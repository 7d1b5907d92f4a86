package org.qvarnmr.camel.qvarn.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer: a pooled HttpClient 5 (classic), one exchange at a time. It times and reports every
 * request, logs one debug line per request, and turns a missing answer into
 * {@link QvarnUnavailableException}. It does not interpret statuses; {@link QvarnErrors} does.
 *
 * <p>Two bounds hold whatever the other end does. A <b>deadline</b>: each request is aborted once it has
 * taken {@code responseTimeout} in all (HttpClient's own response timeout only bounds the silence between
 * two packets, so an answer dripping a byte a second never ends). A <b>size</b>: an answer larger than
 * {@code maxResponseBytes} fails as soon as it says so (Content-Length) or is read that far, and its
 * connection is closed, never drained.
 */
final class QvarnTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QvarnTransport.class);
    /** HttpClient's header log; at DEBUG it prints every request header, Authorization included. */
    private static final String HEADER_LOG = "org.apache.hc.client5.http.headers";

    /** One HTTP answer, read completely. */
    record Response(int status, String contentType, byte[] body) {
    }

    private final CloseableHttpClient http;
    private final QvarnRequestListener listener;
    private final long deadlineNanos;
    private final String deadlineText;
    private final long maxBytes;
    private final ScheduledThreadPoolExecutor deadlines;

    QvarnTransport(QvarnClientSettings settings, QvarnRequestListener listener) {
        this.listener = listener == null ? QvarnRequestListener.NONE : listener;
        this.deadlineNanos = settings.responseTimeout().toNanos();
        this.deadlineText = duration(settings.responseTimeout());
        this.maxBytes = settings.maxResponseBytes();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "qvarn-client-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true); // a request that ends in time leaves nothing queued
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout response = Timeout.of(settings.responseTimeout());
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build());
        if (!settings.clientId().isEmpty() && LoggerFactory.getLogger(HEADER_LOG).isDebugEnabled()) {
            LOG.warn("Logger {} is at DEBUG: HttpClient will log the Authorization headers carrying Qvarn tokens;"
                    + " set it to INFO", HEADER_LOG);
        }
        if (!settings.verifyTls()) {
            pool.setTlsSocketStrategy(trustAll());
            LOG.warn("TLS verification is OFF for {}: every certificate and host name is accepted",
                    settings.baseUrl());
        }
        this.http = HttpClients.custom()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(response)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .setRetryStrategy(new StaleConnectionRetry())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * Sends {@code request} and reads the whole answer, whatever its status, within the deadline and the size bound.
     *
     * @param request a request the deadline can abort ({@link AbortableRequest}, or HttpClient's own methods)
     * @param path    the path relative to the base URL, for logs and exceptions (never carries a secret)
     * @param route   the route template reported to the listener, e.g. {@code GET /orgs/{id}}
     */
    Response exchange(ClassicHttpRequest request, String path, String route) {
        if (!(request instanceof CancellableDependency abortable)) {
            throw new IllegalArgumentException("a request the deadline cannot abort: " + request.getClass().getName());
        }
        String method = request.getMethod();
        long start = System.nanoTime();
        int status = -1;
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            abortable.cancel(); // closes the connection: a read or wait in progress fails at once
        }, deadlineNanos, TimeUnit.NANOSECONDS);
        try {
            Response answer = http.execute(request, response -> read(response, abortable, method, path));
            status = answer.status();
            return answer;
        } catch (IOException e) {
            // The socket's idle timeout is the deadline too, so a read that timed out also means the deadline passed
            // (not so a connect that timed out: that is qvarn.connect-timeout, and says so).
            if (timedOut.get() || e instanceof SocketTimeoutException && !(e instanceof ConnectTimeoutException)) {
                SocketTimeoutException timeout = e instanceof SocketTimeoutException t ? t
                        : new SocketTimeoutException("deadline of " + deadlineText + " passed");
                if (timeout != e) {
                    timeout.initCause(e);
                }
                throw new QvarnUnavailableException(-1, method, path, null, method + " " + path
                        + ": no complete answer within qvarn.response-timeout (" + deadlineText + ")", timeout);
            }
            throw new QvarnUnavailableException(-1, method, path, null,
                    method + " " + path + ": no response (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        } finally {
            deadline.cancel(false);
            long nanos = System.nanoTime() - start;
            if (LOG.isDebugEnabled()) { // spares the argument array and boxing on every request
                LOG.debug("{} {} -> {} in {} ms", method, path, status, nanos / 1_000_000);
            }
            report(method, route, status, nanos);
        }
    }

    /** The whole answer, read up to the size bound; past it the connection is closed and the request fails. */
    private Response read(ClassicHttpResponse response, Cancellable abortable, String method, String path)
            throws IOException {
        HttpEntity entity = response.getEntity();
        Header type = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
        byte[] body = new byte[0];
        if (entity != null) {
            long announced = entity.getContentLength();
            if (announced > maxBytes) {
                abortable.cancel(); // closing the answer would otherwise read it to its end
                throw tooLarge(response.getCode(), method, path, size(announced) + " announced");
            }
            // sized for the announced answer, up to 1 MB: what is not announced or larger grows as it comes
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(announced > 0 ? (int) Math.min(announced, 1 << 20)
                    : 8192);
            InputStream in = entity.getContent();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    abortable.cancel();
                    throw tooLarge(response.getCode(), method, path, "read that far, then stopped");
                }
                bytes.write(buffer, 0, n);
            }
            body = bytes.toByteArray();
        }
        return new Response(response.getCode(), type == null ? null : type.getValue(), body);
    }

    private QvarnException tooLarge(int status, String method, String path, String what) {
        return new QvarnException(status, method, path, null, method + " " + path
                + ": the answer is larger than qvarn.max-response-size (" + size(maxBytes) + "; " + what
                + "); raise the setting if Qvarn's answers are really this large", null);
    }

    /** {@code 32 MB}, {@code 512 KB} or {@code 1000 bytes}: how sizes are written in the configuration. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    /** {@code 30 s} or {@code 500 ms}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private void report(String method, String route, int status, long nanos) {
        try {
            listener.onRequest(method, route, status, nanos);
        } catch (RuntimeException e) {
            LOG.debug("request listener failed for {}", route, e);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.GRACEFUL);
    }

    private static TlsSocketStrategy trustAll() {
        try {
            SSLContext context = SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
            return ClientTlsStrategyBuilder.create()
                    .setSslContext(context)
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .buildClassic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up a trust-all TLS context", e);
        }
    }

    /**
     * Retries once, at once, a GET or DELETE whose pooled connection turned out to be closed (no answer
     * at all); never retries on a status, a timeout or a refused connection.
     */
    private static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {
        StaleConnectionRetry() {
            super(1, TimeValue.ZERO_MILLISECONDS,
                    List.of(InterruptedIOException.class, UnknownHostException.class, ConnectException.class,
                            ConnectionClosedException.class, NoRouteToHostException.class, SSLException.class),
                    List.of());
        }

        @Override
        protected boolean handleAsIdempotent(HttpRequest request) {
            String method = request.getMethod();
            return "GET".equals(method) || "DELETE".equals(method);
        }
    }
}

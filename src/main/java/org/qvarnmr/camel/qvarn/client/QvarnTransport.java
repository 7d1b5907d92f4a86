package org.qvarnmr.camel.qvarn.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
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
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
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

    QvarnTransport(QvarnClientSettings settings, QvarnRequestListener listener) {
        this.listener = listener == null ? QvarnRequestListener.NONE : listener;
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
     * Sends {@code request} and reads the whole answer, whatever its status.
     *
     * @param path  the path relative to the base URL, for logs and exceptions (never carries a secret)
     * @param route the route template reported to the listener, e.g. {@code GET /orgs/{id}}
     */
    Response exchange(ClassicHttpRequest request, String path, String route) {
        String method = request.getMethod();
        long start = System.nanoTime();
        int status = -1;
        try {
            Response answer = http.execute(request, response -> {
                HttpEntity entity = response.getEntity();
                Header type = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
                byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
                return new Response(response.getCode(), type == null ? null : type.getValue(), body);
            });
            status = answer.status();
            return answer;
        } catch (IOException e) {
            throw new QvarnUnavailableException(-1, method, path, null,
                    method + " " + path + ": no response (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        } finally {
            long nanos = System.nanoTime() - start;
            if (LOG.isDebugEnabled()) { // spares the argument array and boxing on every request
                LOG.debug("{} {} -> {} in {} ms", method, path, status, nanos / 1_000_000);
            }
            report(method, route, status, nanos);
        }
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

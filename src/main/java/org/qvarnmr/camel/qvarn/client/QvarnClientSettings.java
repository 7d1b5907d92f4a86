package org.qvarnmr.camel.qvarn.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to reach and authenticate to Qvarn.
 *
 * @param baseUrl         Qvarn's base URL, without a trailing slash (e.g. {@code https://qvarn.example.com})
 * @param tokenUrl        the OAuth2 token endpoint; null means {@code {baseUrl}/auth/token}
 * @param clientId        OAuth2 client id; empty means "no authentication" (no token is fetched)
 * @param clientSecret    OAuth2 client secret
 * @param scopes          scopes to request; every one must be granted
 * @param verifyTls       verify TLS certificates and host names (the original's {@code verify_requests})
 * @param connectTimeout  TCP connect timeout
 * @param responseTimeout the most one request may take, from sending it to the last byte of its answer
 *                        (waiting for a pooled connection included); a deadline, not an idle timeout
 * @param maxConnections  size of the connection pool
 * @param concurrency     how many requests one bulk call (e.g. getMany) may have in flight at once
 * @param maxResponseBytes the largest answer read; a larger one fails its request as soon as it is announced
 *                        or read that far, so one huge answer cannot exhaust the heap
 */
public record QvarnClientSettings(
        URI baseUrl,
        URI tokenUrl,
        String clientId,
        Secret clientSecret,
        List<String> scopes,
        boolean verifyTls,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxConnections,
        int concurrency,
        long maxResponseBytes) {
    /**
     * 32 MB: far above any answer the worker asks for in pages (500 rows), and room for a listing of some
     * 600,000 pending notifications, yet a small share of a 256 MB heap, where parsing it takes a few times its size.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

    public QvarnClientSettings {
        for (URI url : new URI[] {baseUrl, tokenUrl}) {
            if (url != null && url.getRawUserInfo() != null) {
                // Not shown: it is a user name and password, and Qvarn takes OAuth2 client credentials instead.
                throw new IllegalArgumentException("a Qvarn URL must not carry a user name or password before '@'; "
                        + "give the client id and secret as credentials");
            }
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? Secret.of("") : clientSecret;
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be positive, got " + maxResponseBytes);
        }
    }

    /** Settings with the default answer size bound ({@link #DEFAULT_MAX_RESPONSE_BYTES}). */
    public QvarnClientSettings(URI baseUrl, URI tokenUrl, String clientId, Secret clientSecret, List<String> scopes,
            boolean verifyTls, Duration connectTimeout, Duration responseTimeout, int maxConnections, int concurrency) {
        this(baseUrl, tokenUrl, clientId, clientSecret, scopes, verifyTls, connectTimeout, responseTimeout,
                maxConnections, concurrency, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * Settings with the defaults: no auth, TLS verified, 5 s connect, 30 s per request, 20 connections, 8
     * concurrent, answers up to 32 MB.
     */
    public static QvarnClientSettings of(URI baseUrl) {
        return new QvarnClientSettings(baseUrl, null, "", Secret.of(""), List.of(), true,
                Duration.ofSeconds(5), Duration.ofSeconds(30), 20, 8, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public QvarnClientSettings withCredentials(String id, Secret secret, List<String> requestedScopes) {
        return new QvarnClientSettings(baseUrl, tokenUrl, id, secret, requestedScopes, verifyTls,
                connectTimeout, responseTimeout, maxConnections, concurrency, maxResponseBytes);
    }

    public QvarnClientSettings withTokenUrl(URI url) {
        return new QvarnClientSettings(baseUrl, url, clientId, clientSecret, scopes, verifyTls,
                connectTimeout, responseTimeout, maxConnections, concurrency, maxResponseBytes);
    }

    public QvarnClientSettings withVerifyTls(boolean verify) {
        return new QvarnClientSettings(baseUrl, tokenUrl, clientId, clientSecret, scopes, verify,
                connectTimeout, responseTimeout, maxConnections, concurrency, maxResponseBytes);
    }

    public QvarnClientSettings withTimeouts(Duration connect, Duration response) {
        return new QvarnClientSettings(baseUrl, tokenUrl, clientId, clientSecret, scopes, verifyTls,
                connect, response, maxConnections, concurrency, maxResponseBytes);
    }

    public QvarnClientSettings withConcurrency(int maxConns, int inFlight) {
        return new QvarnClientSettings(baseUrl, tokenUrl, clientId, clientSecret, scopes, verifyTls,
                connectTimeout, responseTimeout, maxConns, inFlight, maxResponseBytes);
    }

    public QvarnClientSettings withMaxResponseBytes(long bytes) {
        return new QvarnClientSettings(baseUrl, tokenUrl, clientId, clientSecret, scopes, verifyTls,
                connectTimeout, responseTimeout, maxConnections, concurrency, bytes);
    }
}

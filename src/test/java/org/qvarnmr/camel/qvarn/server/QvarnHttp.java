package org.qvarnmr.camel.qvarn.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain java.net.http client for the tests; the project's own Qvarn client is tested elsewhere. */
final class QvarnHttp {
    static final String JSON = "application/json";
    /** One client for all tests: creating one per test costs a selector thread each. */
    private static final HttpClient SHARED = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient client;
    private final URI base;
    private final String token;

    QvarnHttp(URI base) {
        this(SHARED, base, null);
    }

    private QvarnHttp(HttpClient client, URI base, String token) {
        this.client = client;
        this.base = base;
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    QvarnHttp withToken(String bearerToken) {
        return new QvarnHttp(client, base, bearerToken);
    }

    Reply get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    Reply post(String path, String json, String... headers) {
        return send("POST", path, JSON, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    Reply put(String path, String json, String... headers) {
        return send("PUT", path, JSON, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    Reply delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** @param headers name, value, name, value... */
    Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        try {
            return sendOrThrow(method, path, contentType, body, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply sendOrThrow(String method, String path, String contentType, byte[] body, String... headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

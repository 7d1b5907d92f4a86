package org.qvarnmr.camel.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Plain HTTP for the few requests QvarnClient cannot express on purpose (a PUT without a revision, a
 * charset in the Content-Type, a malformed search path, file subresources) and for headers it does not
 * expose (Location, Content-Type, WWW-Authenticate). Every other test goes through the client.
 */
final class RawHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer, read whole. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or a missing node when it is not JSON. */
        JsonNode json() {
            try {
                JsonNode node = JSON.readTree(body);
                return node == null ? MissingNode.getInstance() : node;
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error_code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + header("Content-Type") + " " + text();
        }
    }

    private final ConformanceTarget target;
    private final HttpClient http;

    RawHttp(ConformanceTarget target) {
        this.target = target;
        this.http = jdkClient(target.verifyTls());
    }

    static HttpClient jdkClient(boolean verifyTls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (!verifyTls) {
            builder.sslContext(trustAll());
        }
        return builder.build();
    }

    Reply get(String path) {
        return send("GET", path, null, null, Map.of(), true);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null, Map.of(), true);
    }

    Reply post(String path, String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of(), true);
    }

    Reply put(String path, String json) {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of(), true);
    }

    /**
     * One request to {@code base + rawPath} ({@code rawPath} is sent exactly as given).
     *
     * @param contentType the Content-Type header, or null for none
     * @param body        the body, or null for none
     * @param withToken   whether to send the suite's bearer token
     */
    Reply send(String method, String rawPath, String contentType, byte[] body, Map<String, String> headers,
            boolean withToken) {
        return exchange(method, rawPath, contentType, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), headers, withToken);
    }

    /** Like {@link #send}, but the body goes out chunked, without a Content-Length. */
    Reply sendChunked(String method, String rawPath, String contentType, byte[] body, Map<String, String> headers) {
        return exchange(method, rawPath, contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)), headers, true);
    }

    private Reply exchange(String method, String rawPath, String contentType, HttpRequest.BodyPublisher body,
            Map<String, String> headers, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + rawPath))
                .timeout(TIMEOUT)
                .method(method, body);
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (contentType != null) {
            all.put("Content-Type", contentType);
        }
        if (withToken) {
            all.putIfAbsent("Authorization", "Bearer " + target.bearerToken());
        }
        all.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPath + ": no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + rawPath + ": interrupted", e);
        }
    }

    private static SSLContext trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up a trust-all TLS context", e);
        }
    }
}

package org.qvarnmr.camel.qvarn.server.protocol;

import com.sun.net.httpserver.Headers;

/**
 * A received request, read fully before it is routed.
 *
 * @param rawPath the path exactly as sent, still percent-encoded
 * @param rawQuery the query string as sent, or null; 0.82 keeps it inside the last search value
 * @param defaultHost host and port to use for {@code Location} when the request has no Host header
 */
public record Request(String method, String rawPath, String rawQuery, Headers headers, byte[] body, String defaultHost) {

    public String header(String name) {
        return headers.getFirst(name);
    }

    public String host() {
        String host = header("Host");
        return host == null || host.isBlank() ? defaultHost : host;
    }
}

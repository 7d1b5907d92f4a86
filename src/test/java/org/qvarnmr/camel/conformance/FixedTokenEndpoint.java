package org.qvarnmr.camel.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A local OAuth2 token endpoint that answers every request with one fixed token: how the suite gives
 * QvarnClient a static bearer token, or an odd one (protocol 7.3 answer shape).
 */
final class FixedTokenEndpoint implements AutoCloseable {
    private final HttpServer server;

    private FixedTokenEndpoint(HttpServer server) {
        this.server = server;
    }

    /** @param grantedScope the answer's {@code scope}, or null to leave it out */
    static FixedTokenEndpoint start(String token, String grantedScope) {
        ObjectNode answer = new ObjectMapper().createObjectNode();
        answer.put("access_token", token);
        answer.put("token_type", "bearer");
        answer.put("expires_in", 3600);
        if (grantedScope != null) {
            answer.put("scope", grantedScope);
        }
        byte[] body = answer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return new FixedTokenEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local token endpoint", e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

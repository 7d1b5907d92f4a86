package org.qvarnmr.camel.qvarn.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.qvarnmr.camel.qvarn.server.protocol.ApiError;
import org.qvarnmr.camel.qvarn.server.protocol.Json;
import org.qvarnmr.camel.qvarn.server.protocol.Request;
import org.qvarnmr.camel.qvarn.server.protocol.Response;

/**
 * {@code POST /auth/token}: the OAuth2 client credentials flow qvarnclient uses (section 7.3).
 * Grants the requested scopes, or every scope of the loaded types when none are requested.
 */
public final class TokenEndpoint {
    public static final String DEFAULT_SUBJECT = "embedded-qvarn-client";

    private final Json json;
    private final TokenService tokens;
    private final ClientCredentials credentials;
    private final Supplier<Set<String>> allScopes;
    private final Duration lifetime;
    private final Clock clock;

    /** @param credentials the client to require, or null to accept anyone */
    public TokenEndpoint(Json json, TokenService tokens, ClientCredentials credentials, Supplier<Set<String>> allScopes,
            Duration lifetime, Clock clock) {
        this.json = json;
        this.tokens = tokens;
        this.credentials = credentials;
        this.allScopes = allScopes;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Response issue(Request request) {
        Map<String, String> form = parseForm(new String(request.body(), StandardCharsets.UTF_8));
        if (credentials != null && !credentials.matches(request.header("Authorization"), form.get("client_id"),
                form.get("client_secret"))) {
            throw new ApiError(401, "InvalidClientCredentials", "Client authentication failed")
                    .field("error", "invalid_client")
                    .header("WWW-Authenticate", "Basic realm=\"qvarn\"");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw new ApiError(400, "UnsuportedGrantType", "Only client_credentials grant type is supported")
                    .field("error", "unsupported_grant_type");
        }
        String requested = form.getOrDefault("scope", "").strip();
        List<String> scopes = requested.isEmpty() ? List.copyOf(allScopes.get())
                : Arrays.stream(requested.split("\\s+")).distinct().toList();
        String subject = credentials == null ? DEFAULT_SUBJECT : credentials.clientId();
        String token = tokens.issue(subject, subject, scopes, clock.instant().plus(lifetime));
        ObjectNode answer = json.object();
        answer.put("access_token", token);
        answer.put("token_type", "bearer");
        answer.put("expires_in", lifetime.toSeconds());
        answer.put("scope", String.join(" ", scopes));
        return Response.json(200, json.bytes(answer));
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                form.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "InvalidRequest", "Malformed form body").field("error", "invalid_request");
            }
        }
        return form;
    }
}

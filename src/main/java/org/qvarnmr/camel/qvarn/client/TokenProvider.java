package org.qvarnmr.camel.qvarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * OAuth2 client credentials (protocol 7.3): fetches a token, checks that every requested scope was
 * granted, and caches it until {@value #REFRESH_MARGIN_SECONDS} s before it expires. One fetch at a time.
 *
 * <p>Expiry comes from the token's own {@code exp} (read without verifying, like qvarnclient); failing
 * that from {@code expires_in}, taken as seconds from now, or as epoch seconds when it is larger than ten
 * years (later Qvarn's development endpoint sends an absolute time). A token with neither is kept until
 * Qvarn refuses it with a 401 (Qvarn 0.82 accepts a token without {@code exp} forever).
 */
final class TokenProvider {
    static final long REFRESH_MARGIN_SECONDS = 30;
    static final long TEN_YEARS_SECONDS = 10L * 365 * 24 * 60 * 60;
    static final String ROUTE = "POST /auth/token";
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(REFRESH_MARGIN_SECONDS);
    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded");

    private final QvarnTransport transport;
    private final ObjectMapper json;
    private final Clock clock;
    private final URI tokenUrl;
    private final String tokenPath;
    private final String basicAuthorization;
    private final byte[] form;
    private final List<String> scopes;
    private final Object lock = new Object();
    private volatile Token current;

    TokenProvider(QvarnClientSettings settings, QvarnTransport transport, ObjectMapper json, Clock clock) {
        this.transport = transport;
        this.json = json;
        this.clock = clock;
        this.tokenUrl = settings.tokenUrl() != null
                ? settings.tokenUrl()
                : URI.create(QvarnClient.baseOf(settings) + "/auth/token");
        this.tokenPath = tokenUrl.getRawPath() == null || tokenUrl.getRawPath().isEmpty() ? "/" : tokenUrl.getRawPath();
        String credentials = settings.clientId() + ":" + settings.clientSecret().reveal();
        this.basicAuthorization = "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.scopes = settings.scopes();
        String body = "grant_type=client_credentials";
        if (!scopes.isEmpty()) {
            body += "&scope=" + URLEncoder.encode(String.join(" ", scopes), StandardCharsets.UTF_8);
        }
        this.form = body.getBytes(StandardCharsets.US_ASCII);
    }

    /** A token valid for at least the refresh margin, fetched when the cached one is missing or near expiry. */
    String token() {
        Token token = current;
        if (token != null && token.usableAt(clock.instant())) {
            return token.value();
        }
        synchronized (lock) {
            token = current;
            if (token == null || !token.usableAt(clock.instant())) {
                token = fetch();
                current = token;
            }
            return token.value();
        }
    }

    /** Forgets {@code refused} (Qvarn answered 401 to it), unless another thread already replaced it. */
    void invalidate(String refused) {
        synchronized (lock) {
            Token token = current;
            if (token != null && token.value().equals(refused)) {
                current = null;
            }
        }
    }

    private Token fetch() {
        HttpPost post = new HttpPost(tokenUrl);
        post.setHeader(HttpHeaders.AUTHORIZATION, basicAuthorization);
        post.setHeader(HttpHeaders.ACCEPT, "application/json");
        post.setEntity(new ByteArrayEntity(form, FORM));
        QvarnTransport.Response response = transport.exchange(post, tokenPath, ROUTE);
        int status = response.status();
        if (status != 200) {
            throw refused(response);
        }
        JsonNode answer = parse(response);
        JsonNode accessToken = answer.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.textValue().isEmpty()) {
            throw unauthorized(status, answer, "POST " + tokenPath + ": " + status + " answer has no access_token");
        }
        String value = accessToken.textValue();
        JWTClaimsSet claims = claimsOf(value);
        List<String> missing = missingScopes(scopes, grantedScopes(answer, claims));
        if (!missing.isEmpty()) {
            throw unauthorized(status, answer, "POST " + tokenPath + ": scopes not granted: " + String.join(", ", missing));
        }
        return new Token(value, expiry(claims, answer.get("expires_in"), clock.instant()));
    }

    private QvarnException refused(QvarnTransport.Response response) {
        int status = response.status();
        if (status != 400 && status != 401 && status != 403) {
            return QvarnErrors.forStatus(json, "POST", tokenPath, response);
        }
        JsonNode error = QvarnErrors.errorBody(json, response.body());
        StringBuilder message = new StringBuilder("POST ").append(tokenPath).append(": ").append(status)
                .append(" token request refused");
        JsonNode code = error.has("error") ? error.get("error") : error.get("error_code");
        if (code != null && code.isTextual()) {
            message.append(" (").append(code.textValue()).append(')');
        }
        return new QvarnUnauthorizedException(status, "POST", tokenPath, error, message.toString(), null);
    }

    private JsonNode parse(QvarnTransport.Response response) {
        try {
            JsonNode node = json.readTree(response.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below, without the body: it may hold a token
        }
        throw unauthorized(response.status(), null,
                "POST " + tokenPath + ": " + response.status() + " answer is not a JSON object");
    }

    private QvarnUnauthorizedException unauthorized(int status, JsonNode answer, String message) {
        // The answer holds the access token: keep only the fields that are safe to show.
        ObjectNode safe = answer instanceof ObjectNode object ? object.deepCopy() : null;
        if (safe != null) {
            safe.remove(List.of("access_token", "refresh_token", "id_token"));
        }
        return new QvarnUnauthorizedException(status, "POST", tokenPath, safe, message, null);
    }

    /** The requested scopes that {@code granted} lacks, in the requested order. */
    static List<String> missingScopes(Collection<String> requested, Set<String> granted) {
        List<String> missing = new ArrayList<>();
        for (String scope : requested) {
            if (!granted.contains(scope) && !missing.contains(scope)) {
                missing.add(scope);
            }
        }
        return missing;
    }

    /**
     * The granted scopes: the answer's {@code scope}, else the token's {@code scope} claim, else (RFC 6749
     * 5.1: scope may be left out when it equals the request) the requested ones.
     */
    private Set<String> grantedScopes(JsonNode answer, JWTClaimsSet claims) {
        JsonNode scope = answer.get("scope");
        if (scope != null && scope.isTextual()) {
            return split(scope.textValue());
        }
        if (claims != null) {
            Object claim = claims.getClaim("scope");
            if (claim instanceof String text) {
                return split(text);
            }
            if (claim instanceof Collection<?> list) {
                Set<String> granted = new LinkedHashSet<>();
                list.forEach(item -> granted.add(String.valueOf(item)));
                return granted;
            }
        }
        return new LinkedHashSet<>(scopes);
    }

    private static Set<String> split(String scopes) {
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : scopes.trim().split("\\s+")) {
            if (!scope.isEmpty()) {
                granted.add(scope);
            }
        }
        return granted;
    }

    private static JWTClaimsSet claimsOf(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet();
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    static Instant expiry(JWTClaimsSet claims, JsonNode expiresIn, Instant now) {
        Date exp = claims == null ? null : claims.getExpirationTime();
        if (exp != null) {
            return exp.toInstant();
        }
        long seconds = expiresIn == null ? -1 : seconds(expiresIn);
        if (seconds >= 0) {
            return seconds < TEN_YEARS_SECONDS ? now.plusSeconds(seconds) : Instant.ofEpochSecond(seconds);
        }
        return Instant.MAX;
    }

    private static long seconds(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return (long) value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private record Token(String value, Instant expiry) {
        boolean usableAt(Instant now) {
            return now.plus(REFRESH_MARGIN).isBefore(expiry);
        }

        @Override
        public String toString() {
            return "Token[expiry=" + expiry + "]";
        }
    }
}

package org.qvarnmr.camel.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * The Qvarn the suite talks to, chosen by system properties (see {@code docs/conformance.md}):
 *
 * <ul>
 *   <li>none: an {@link EmbeddedQvarn} on 127.0.0.1 with auth on, loaded with
 *       {@code config/resource-types} and {@code fixtures/conformance};</li>
 *   <li>{@code qvarn.url} + {@code qvarn.token}: that Qvarn, with that bearer token for every request;</li>
 *   <li>{@code qvarn.url} + {@code qvarn.clientId} + {@code qvarn.clientSecret} (optionally
 *       {@code qvarn.tokenUrl}, {@code qvarn.scopes}): that Qvarn, with client-credentials tokens.</li>
 * </ul>
 *
 * <p>Only targets with client credentials can hand out tokens for chosen scopes; tests that need that
 * are skipped on a static token.
 */
final class ConformanceTarget implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI baseUrl;
    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final List<String> scopes;
    private final String staticToken;
    private final boolean verifyTls;
    private final String description;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final QvarnClient client;
    private volatile String rawToken;

    private ConformanceTarget(URI baseUrl, URI tokenUrl, String clientId, Secret clientSecret, List<String> scopes,
            String staticToken, boolean verifyTls, String description, AutoCloseable server) {
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scopes = List.copyOf(scopes);
        this.staticToken = staticToken;
        this.verifyTls = verifyTls;
        this.description = description;
        if (server != null) {
            owned.add(server);
        }
        this.client = staticToken != null ? clientWithToken(staticToken) : clientWithScopes(this.scopes);
    }

    /** The target the system properties name; an embedded Qvarn when {@code qvarn.url} is not set. */
    static ConformanceTarget fromSystemProperties() {
        String url = System.getProperty("qvarn.url", "").strip();
        if (url.isEmpty()) {
            return embedded();
        }
        URI base = URI.create(url.replaceAll("/+$", ""));
        boolean verifyTls = !"false".equalsIgnoreCase(System.getProperty("qvarn.verifyTls", "true"));
        String token = System.getProperty("qvarn.token", "").strip();
        if (!token.isEmpty()) {
            return new ConformanceTarget(base, null, null, null, List.of(), token, verifyTls, base + " (static token)",
                    null);
        }
        String id = System.getProperty("qvarn.clientId", "").strip();
        if (id.isEmpty()) {
            throw new IllegalStateException("-Dqvarn.url needs -Dqvarn.token, or -Dqvarn.clientId and "
                    + "-Dqvarn.clientSecret");
        }
        String tokenUrl = System.getProperty("qvarn.tokenUrl", "").strip();
        List<String> scopes = Arrays.stream(System.getProperty("qvarn.scopes", "").split("[\\s,]+"))
                .filter(s -> !s.isEmpty()).toList();
        return new ConformanceTarget(base, tokenUrl.isEmpty() ? URI.create(base + "/auth/token") : URI.create(tokenUrl),
                id, Secret.of(System.getProperty("qvarn.clientSecret", "")), scopes, null, verifyTls,
                base + " (client " + id + ")", null);
    }

    private static ConformanceTarget embedded() {
        String id = "conformance-suite";
        String secret = UUID.randomUUID().toString();
        EmbeddedQvarn qvarn = EmbeddedQvarn.builder()
                .resourceTypesDir(referenceTypesDir())
                .resourceTypesDir(conformanceTypesDir())
                .auth(id, secret)
                .build()
                .start();
        URI base = qvarn.baseUrl();
        // no scopes requested: the embedded token endpoint then grants every scope of every type
        return new ConformanceTarget(base, URI.create(base + "/auth/token"), id, Secret.of(secret), List.of(), null,
                true, "embedded Qvarn at " + base, qvarn);
    }

    /** The reference types every target must have loaded ({@code config/resource-types}). */
    static Path referenceTypesDir() {
        return Path.of("config/resource-types");
    }

    /** The suite's own types ({@code src/test/resources/fixtures/conformance}). */
    static Path conformanceTypesDir() {
        try {
            return Path.of(ConformanceTarget.class.getResource("/fixtures/conformance").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** A shared client with every scope the suite needs; do not close it. */
    QvarnClient client() {
        return client;
    }

    /** Whether the target can issue tokens for chosen scopes (client credentials, not a static token). */
    boolean issuesTokens() {
        return staticToken == null;
    }

    /** A new client that fetches its token with the target's client credentials, requesting {@code requested}. */
    QvarnClient clientWithScopes(List<String> requested) {
        if (!issuesTokens()) {
            throw new IllegalStateException("a static-token target cannot issue tokens for chosen scopes");
        }
        return new QvarnClient(settings().withCredentials(clientId, clientSecret, requested).withTokenUrl(tokenUrl));
    }

    /** A new client that presents the target's client id with another secret. */
    QvarnClient clientWithSecret(Secret secret) {
        if (!issuesTokens()) {
            throw new IllegalStateException("a static-token target has no client credentials");
        }
        return new QvarnClient(settings().withCredentials(clientId, secret, List.of()).withTokenUrl(tokenUrl));
    }

    /**
     * A new client whose every token request is answered with {@code token} and, when not null,
     * {@code grantedScope} (a local stub endpoint; QvarnClient has no fixed-token setting).
     */
    QvarnClient clientWithToken(String token, String grantedScope, List<String> requested) {
        FixedTokenEndpoint endpoint = FixedTokenEndpoint.start(token, grantedScope);
        synchronized (owned) {
            owned.add(endpoint);
        }
        return new QvarnClient(settings().withCredentials("fixed-token", Secret.of("unused"), requested)
                .withTokenUrl(endpoint.url()));
    }

    QvarnClient clientWithToken(String token) {
        return clientWithToken(token, null, List.of());
    }

    /** A new client that sends no {@code Authorization} header. */
    QvarnClient anonymousClient() {
        return new QvarnClient(settings());
    }

    /** A bearer token with the suite's scopes, for the few requests the client cannot express. */
    String bearerToken() {
        if (staticToken != null) {
            return staticToken;
        }
        String token = rawToken;
        if (token == null) {
            token = fetchToken(scopes);
            rawToken = token;
        }
        return token;
    }

    /** A bearer token for exactly {@code requested} (needs {@link #issuesTokens()}). */
    String bearerToken(List<String> requested) {
        if (!issuesTokens()) {
            throw new IllegalStateException("a static-token target cannot issue tokens for chosen scopes");
        }
        return fetchToken(requested);
    }

    boolean verifyTls() {
        return verifyTls;
    }

    private QvarnClientSettings settings() {
        return QvarnClientSettings.of(baseUrl).withVerifyTls(verifyTls).withTimeouts(TIMEOUT, TIMEOUT);
    }

    /** OAuth2 client credentials as in protocol 7.3, with the JDK client. */
    private String fetchToken(List<String> requested) {
        HttpResponse<String> response = requestToken(requested);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + tokenUrl.getPath() + " answered " + response.statusCode());
        }
        try {
            return new ObjectMapper().readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + tokenUrl.getPath() + " answered no JSON", e);
        }
    }

    /** The raw answer to an OAuth2 client-credentials request (protocol 7.3) with the JDK client. */
    HttpResponse<String> requestToken(List<String> requested) {
        if (!issuesTokens()) {
            throw new IllegalStateException("a static-token target has no token endpoint");
        }
        String form = "grant_type=client_credentials";
        if (!requested.isEmpty()) {
            form += "&scope=" + URLEncoder.encode(String.join(" ", requested), StandardCharsets.UTF_8);
        }
        String basic = Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret.reveal()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(TIMEOUT)
                .build();
        try {
            return RawHttp.jdkClient(verifyTls).send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the token endpoint " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted fetching a token", e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        synchronized (owned) {
            for (AutoCloseable resource : owned) {
                resource.close();
            }
            owned.clear();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}

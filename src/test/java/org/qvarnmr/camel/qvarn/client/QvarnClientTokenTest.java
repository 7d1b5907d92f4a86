package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;
import org.qvarnmr.camel.qvarn.client.support.MutableClock;
import org.qvarnmr.camel.qvarn.client.support.Tokens;

/** OAuth2 client credentials: the token request, the scope check, caching, refresh, and 401 handling. */
class QvarnClientTokenTest {
    private static final String SECRET = "s3cr3t-Value";
    private static final List<String> SCOPES = List.of("uapi_orgs_get", "uapi_orgs_id_get", "uapi_orgs_id_put");
    private static final String GRANTED = String.join(" ", SCOPES);
    private static final String PATH = "/orgs/f392-1";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private FakeQvarn qvarn;

    @BeforeEach
    void start() {
        qvarn = FakeQvarn.start();
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    private QvarnClient client() {
        return client(QvarnClientSettings.of(qvarn.baseUrl()).withCredentials("worker-1", Secret.of(SECRET), SCOPES));
    }

    private QvarnClient client(QvarnClientSettings settings) {
        return new QvarnClient(settings.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                (method, route, status, nanos) -> routes.add(route + " " + status), clock);
    }

    /** Issues a new JWT expiring {@code lifetime} after the test clock's now, on every token request. */
    private void issueJwts(Duration lifetime) {
        qvarn.on("POST", "/auth/token", request -> {
            String token = Tokens.jwt(clock.instant().plus(lifetime));
            issued.add(token);
            return Tokens.reply(token, GRANTED, 86_400L); // the JWT's exp wins over expires_in
        });
    }

    /** Answers 200 only to the newest issued token, 401 otherwise. */
    private void acceptLatestToken() {
        qvarn.on("GET", PATH, request -> {
            String latest = issued.isEmpty() ? null : issued.get(issued.size() - 1);
            return ("Bearer " + latest).equals(request.header("Authorization"))
                    ? Reply.json("{\"id\":\"f392-1\"}")
                    : Reply.json(401, "{\"error_code\":\"InvalidAccessTokenError\",\"token_error\":\"Signature has expired\"}");
        });
    }

    @Test
    void shouldRequestATokenWithBasicAuthAndAFormBody() {
        issueJwts(Duration.ofHours(1));
        acceptLatestToken();

        try (QvarnClient client = client()) {
            client.get("orgs", "f392-1");
        }

        FakeQvarn.Request tokenRequest = qvarn.only("POST", "/auth/token");
        assertThat(tokenRequest.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("worker-1:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenRequest.headers().get("Content-Type")).containsExactly("application/x-www-form-urlencoded");
        assertThat(tokenRequest.bodyText())
                .isEqualTo("grant_type=client_credentials&scope=uapi_orgs_get+uapi_orgs_id_get+uapi_orgs_id_put");
        assertThat(qvarn.only("GET", PATH).header("Authorization")).isEqualTo("Bearer " + issued.get(0));
    }

    @Test
    void shouldPostToTheConfiguredTokenUrl() {
        qvarn.on("POST", "/oauth/token", request -> Tokens.reply(Tokens.jwt(null), GRANTED, null));
        qvarn.on("GET", PATH, request -> Reply.json("{\"id\":\"f392-1\"}"));

        try (QvarnClient client = client(QvarnClientSettings.of(qvarn.baseUrl())
                .withCredentials("worker-1", Secret.of(SECRET), SCOPES)
                .withTokenUrl(URI.create(qvarn.baseUrl() + "/oauth/token")))) {
            client.get("orgs", "f392-1");
        }

        assertThat(qvarn.requests("POST", "/oauth/token")).hasSize(1);
        assertThat(routes).containsExactly("POST /auth/token 200", "GET /orgs/{id} 200");
    }

    @Test
    void shouldNameTheScopesThatWereNotGranted() {
        qvarn.on("POST", "/auth/token", request -> Tokens.reply(Tokens.jwt(null), "uapi_orgs_id_get", 300L));

        try (QvarnClient client = client()) {
            assertThatThrownBy(() -> client.get("orgs", "f392-1"))
                    .isInstanceOf(QvarnUnauthorizedException.class)
                    .hasMessageContaining("uapi_orgs_get, uapi_orgs_id_put")
                    .hasMessageNotContaining("uapi_orgs_id_get");
        }
        assertThat(qvarn.requests("GET", PATH)).isEmpty();
    }

    @Test
    void shouldCheckScopesWhenAskedToAuthenticate() {
        qvarn.on("POST", "/auth/token", request -> Tokens.reply(Tokens.jwt(null), "", 300L));

        try (QvarnClient client = client()) {
            assertThatThrownBy(client::authenticate)
                    .isInstanceOf(QvarnUnauthorizedException.class)
                    .hasMessageContaining("uapi_orgs_get, uapi_orgs_id_get, uapi_orgs_id_put");
        }
    }

    @Test
    void shouldRefuseCredentialsTheTokenEndpointRejects() {
        qvarn.on("POST", "/auth/token", request -> Reply.json(401, "{\"error\":\"invalid_client\"}"));

        try (QvarnClient client = client()) {
            QvarnUnauthorizedException error = catchThrowableOfType(QvarnUnauthorizedException.class, client::authenticate);

            assertThat(error.status()).isEqualTo(401);
            assertThat(error).hasMessage("POST /auth/token: 401 token request refused (invalid_client)");
        }
    }

    @Test
    void shouldUseOneTokenForManyRequests() {
        issueJwts(Duration.ofHours(1));
        acceptLatestToken();

        try (QvarnClient client = client()) {
            for (int i = 0; i < 5; i++) {
                client.get("orgs", "f392-1");
            }
            client.getMany("orgs", List.of("f392-1", "f392-1", "f392-1", "f392-1"));
        }

        assertThat(qvarn.requests("POST", "/auth/token")).hasSize(1);
        assertThat(qvarn.requests("GET", PATH)).hasSize(9);
    }

    @Test
    void shouldFetchOneTokenForConcurrentFirstRequests() {
        CountDownLatch secondTokenRequest = new CountDownLatch(2);
        qvarn.on("POST", "/auth/token", request -> {
            secondTokenRequest.countDown();
            // Holds the first fetch long enough for a client without a lock to send a second one.
            secondTokenRequest.await(200, TimeUnit.MILLISECONDS);
            String token = Tokens.jwt(null);
            issued.add(token);
            return Tokens.reply(token, GRANTED, null);
        });
        acceptLatestToken();

        try (QvarnClient client = client()) {
            assertThat(client.getMany("orgs", Collections.nCopies(8, "f392-1"))).hasSize(8);
        }

        assertThat(issued).hasSize(1);
    }

    @Test
    void shouldRefreshTheToken30SecondsBeforeItExpires() {
        issueJwts(Duration.ofSeconds(300));
        acceptLatestToken();

        try (QvarnClient client = client()) {
            client.get("orgs", "f392-1");
            clock.advance(Duration.ofSeconds(269));
            client.get("orgs", "f392-1");
            assertThat(issued).hasSize(1);

            clock.advance(Duration.ofSeconds(2));
            client.get("orgs", "f392-1");
        }

        assertThat(issued).hasSize(2);
        assertThat(qvarn.requests("GET", PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer " + issued.get(0), "Bearer " + issued.get(0), "Bearer " + issued.get(1));
    }

    @Test
    void shouldTakeTheExpiryOfAnOpaqueTokenFromExpiresIn() {
        AtomicReference<Integer> count = new AtomicReference<>(0);
        qvarn.on("POST", "/auth/token", request -> {
            count.updateAndGet(n -> n + 1);
            String token = "opaque-" + count.get();
            issued.add(token);
            return Tokens.reply(token, GRANTED, 60L);
        });
        acceptLatestToken();

        try (QvarnClient client = client()) {
            client.get("orgs", "f392-1");
            clock.advance(Duration.ofSeconds(29));
            client.get("orgs", "f392-1");
            clock.advance(Duration.ofSeconds(2));
            client.get("orgs", "f392-1");
        }

        assertThat(issued).containsExactly("opaque-1", "opaque-2");
    }

    @Test
    void shouldFetchANewTokenOnceAndRetryOnA401() {
        issueJwts(Duration.ofHours(1));
        qvarn.on("GET", PATH, request -> qvarn.requests("GET", PATH).size() == 1
                ? Reply.json(401, "{\"error_code\":\"InvalidAccessTokenError\"}")
                : Reply.json("{\"id\":\"f392-1\"}"));

        try (QvarnClient client = client()) {
            assertThat(client.get("orgs", "f392-1").get("id").asText()).isEqualTo("f392-1");
        }

        assertThat(issued).hasSize(2);
        assertThat(qvarn.requests("GET", PATH)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer " + issued.get(0), "Bearer " + issued.get(1));
        assertThat(routes).containsExactly("POST /auth/token 200", "GET /orgs/{id} 401",
                "POST /auth/token 200", "GET /orgs/{id} 200");
    }

    @Test
    void shouldGiveUpAfterASecond401() {
        issueJwts(Duration.ofHours(1));
        qvarn.on("GET", PATH, request -> Reply.json(401, "{\"error_code\":\"InvalidAccessTokenError\"}"));

        try (QvarnClient client = client()) {
            QvarnUnauthorizedException error = catchThrowableOfType(QvarnUnauthorizedException.class,
                    () -> client.get("orgs", "f392-1"));

            assertThat(error).hasMessage("GET " + PATH + ": 401 InvalidAccessTokenError");
        }
        assertThat(issued).hasSize(2);
        assertThat(qvarn.requests("GET", PATH)).hasSize(2);
    }

    @Test
    void shouldNotRetryA401WithoutCredentials() {
        qvarn.on("GET", PATH, request -> Reply.json(401, "{\"error_code\":\"AuthorizationHeaderMissing\"}"));

        try (QvarnClient client = client(QvarnClientSettings.of(qvarn.baseUrl()))) {
            assertThatThrownBy(() -> client.get("orgs", "f392-1")).isInstanceOf(QvarnUnauthorizedException.class);
        }
        assertThat(qvarn.requests()).hasSize(1);
    }

    @Test
    void shouldSendNoTokenToVersion() {
        qvarn.on("GET", "/version", request -> Reply.json("{\"api\":{\"version\":\"0.82\"}}"));

        try (QvarnClient client = client()) {
            client.version();
        }

        assertThat(qvarn.requests()).extracting(FakeQvarn.Request::rawPath).containsExactly("/version");
        assertThat(qvarn.only("GET", "/version").header("Authorization")).isNull();
    }

    @Test
    void shouldReadExpiresInAsSecondsOrAsAnEpochTime() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        JsonNodeFactory nodes = JsonNodeFactory.instance;

        assertThat(TokenProvider.expiry(null, nodes.numberNode(300), now)).isEqualTo(now.plusSeconds(300));
        assertThat(TokenProvider.expiry(null, nodes.textNode("300"), now)).isEqualTo(now.plusSeconds(300));
        assertThat(TokenProvider.expiry(null, nodes.numberNode(1_767_225_600L), now))
                .isEqualTo(Instant.ofEpochSecond(1_767_225_600L));
        assertThat(TokenProvider.expiry(null, null, now)).isEqualTo(Instant.MAX);
    }
}

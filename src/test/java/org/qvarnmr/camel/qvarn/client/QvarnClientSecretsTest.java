package org.qvarnmr.camel.qvarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn;
import org.qvarnmr.camel.qvarn.client.support.FakeQvarn.Reply;
import org.qvarnmr.camel.qvarn.client.support.LogCapture;
import org.qvarnmr.camel.qvarn.client.support.Tokens;
import org.slf4j.LoggerFactory;

/** Neither the client secret nor a token ever shows in an exception or in the client's log output. */
class QvarnClientSecretsTest {
    private static final String SECRET = "s3cr3t-Value-42";
    private static final String TOKEN = Tokens.jwt(null);
    private static final String BASIC = Base64.getEncoder()
            .encodeToString(("worker-1:" + SECRET).getBytes(StandardCharsets.UTF_8));

    private FakeQvarn qvarn;
    private LogCapture log;
    private QvarnClient client;

    @BeforeEach
    void start() {
        log = LogCapture.of("org.qvarnmr.camel.qvarn.client");
        qvarn = FakeQvarn.start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl())
                .withCredentials("worker-1", Secret.of(SECRET), List.of("uapi_orgs_id_get", "uapi_orgs_post"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        client.close();
        qvarn.close();
        log.close();
    }

    private void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(BASIC)
                .doesNotContain(TOKEN.substring(0, TOKEN.indexOf('.')) + ".");
    }

    private String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            if (t instanceof QvarnException qvarnError) {
                text.append(qvarnError.errorBody()).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void shouldKeepSecretsOutOfExceptionsAndLogs() {
        List<Throwable> errors = new ArrayList<>();
        qvarn.on("POST", "/auth/token", request -> Tokens.reply(TOKEN, "uapi_orgs_id_get uapi_orgs_post", null));
        qvarn.on("GET", "/orgs/a", request -> Reply.json(401, "{\"error_code\":\"InvalidAccessTokenError\"}"));
        qvarn.on("GET", "/orgs/b", request -> Reply.json(403,
                "{\"error_code\":\"NoAccessToRouteScope\",\"route_scope\":\"uapi_orgs_id_get\"}"));
        qvarn.on("GET", "/orgs/c", qvarn.silence());
        qvarn.on("GET", "/orgs/d", request -> Reply.html(500));

        for (String id : List.of("a", "b", "c", "d")) {
            errors.add(catchThrowableOfType(QvarnException.class, () -> client.get("orgs", id)));
        }

        assertThat(errors).doesNotContainNull();
        errors.forEach(error -> assertNoSecretIn(describe(error)));
        assertThat(log.text()).contains("GET /orgs/a -> 401");
        assertNoSecretIn(log.text());
    }

    @Test
    void shouldKeepTheTokenOutOfAScopeError() {
        qvarn.on("POST", "/auth/token", request -> Tokens.reply(TOKEN, "uapi_orgs_id_get", 300L));

        QvarnUnauthorizedException error = catchThrowableOfType(QvarnUnauthorizedException.class,
                () -> client.get("orgs", "a"));

        assertThat(error.getMessage()).contains("uapi_orgs_post");
        assertNoSecretIn(describe(error));
        assertNoSecretIn(log.text());
    }

    @Test
    void shouldKeepTheSecretOutOfARefusedTokenRequest() {
        qvarn.on("POST", "/auth/token", request -> Reply.json(401, "{\"error\":\"invalid_client\"}"));

        QvarnUnauthorizedException error = catchThrowableOfType(QvarnUnauthorizedException.class,
                () -> client.get("orgs", "a"));

        assertNoSecretIn(describe(error));
        assertNoSecretIn(log.text());
        assertNoSecretIn(client.settings().toString());
    }

    @Test
    void shouldWarnWhenHttpClientWouldLogTheAuthorizationHeader() {
        Logger headers = (Logger) LoggerFactory.getLogger("org.apache.hc.client5.http.headers");
        Level previous = headers.getLevel();
        headers.setLevel(Level.DEBUG);
        try (LogCapture warnings = LogCapture.of("org.qvarnmr.camel.qvarn.client");
             QvarnClient other = new QvarnClient(client.settings())) {
            assertThat(warnings.events()).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage())
                            .contains("org.apache.hc.client5.http.headers"));
        } finally {
            headers.setLevel(previous);
        }
    }

    @Test
    void shouldLogOneDebugLinePerRequest() {
        qvarn.on("POST", "/auth/token", request -> Tokens.reply(TOKEN, "uapi_orgs_id_get uapi_orgs_post", null));
        qvarn.on("GET", "/orgs/a", request -> Reply.json("{\"id\":\"a\"}"));

        client.get("orgs", "a");

        assertThat(log.events()).filteredOn(event -> event.getLevel() == Level.DEBUG)
                .extracting(event -> event.getFormattedMessage())
                .hasSize(2)
                .allMatch(line -> line.matches("(POST /auth/token -> 200|GET /orgs/a -> 200) in \\d+ ms"));
    }
}

package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.qvarn.server.auth.TokenService;

/** Bearer token checks and the 401/403 split of section 7.1. */
class AuthTest {
    private static EmbeddedQvarn qvarn;
    private static QvarnHttp anonymous;
    private static QvarnHttp all;

    @BeforeAll
    static void start() {
        qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes()).auth("worker", "s3cret").build().start();
        anonymous = new QvarnHttp(qvarn.baseUrl());
        all = anonymous.withToken(qvarn.issueToken(qvarn.allScopes()));
    }

    @AfterAll
    static void stop() {
        qvarn.close();
    }

    @Test
    void shouldAnswer401AuthorizationHeaderMissingWithoutAChallenge() {
        Reply reply = anonymous.get("/things");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("AuthorizationHeaderMissing");
        assertThat(reply.header("WWW-Authenticate")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Basic d29ya2VyOnMzY3JldA==", "Bearer  token", "Bearer a b", "Token abc"})
    void shouldAnswer403InvalidAuthorizationHeaderFormat(String header) {
        Reply reply = anonymous.get("/things", "Authorization", header);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("InvalidAuthorizationHeaderFormat");
    }

    @Test
    void shouldAcceptBearerInAnyCase() {
        Reply reply = anonymous.get("/things", "Authorization", "bEARER " + qvarn.issueToken(List.of("uapi_things_get")));

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer401InvalidAccessTokenErrorWithAChallengeForGarbage() {
        Reply reply = anonymous.withToken("garbage").get("/things");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("InvalidAccessTokenError");
        assertThat(reply.json().path("token_error").asText()).isNotEmpty();
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void shouldRejectATokenSignedByAnotherServer() {
        String foreign;
        try (EmbeddedQvarn other = EmbeddedQvarn.builder().build()) {
            foreign = other.issueToken(qvarn.allScopes());
        }

        assertThat(anonymous.withToken(foreign).get("/things").errorCode()).isEqualTo("InvalidAccessTokenError");
    }

    @Test
    void shouldRejectAnHs256Token() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(TokenService.ISSUER).subject("x").audience("x").claim("scope", "uapi_things_get").build());
        jwt.sign(new MACSigner(new byte[32]));

        Reply reply = anonymous.withToken(jwt.serialize()).get("/things");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("token_error").asText()).contains("alg");
    }

    @Test
    void shouldRejectATokenExpiredBeyondTheLeeway() {
        String expired = qvarn.issueToken(List.of("uapi_things_get"), Instant.now().minusSeconds(120));

        Reply reply = anonymous.withToken(expired).get("/things");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("token_error").asText()).isEqualTo("Signature has expired");
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheLeeway() {
        String expired = qvarn.issueToken(List.of("uapi_things_get"), Instant.now().minusSeconds(20));

        assertThat(anonymous.withToken(expired).get("/things").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer403NoAccessToRouteScopeWithTheScopeAndAChallenge() {
        Reply reply = anonymous.withToken(qvarn.issueToken(List.of("uapi_things_get"))).get("/things/some-id");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("NoAccessToRouteScope");
        assertThat(reply.json().path("route_scope").asText()).isEqualTo("uapi_things_id_get");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
    }

    @Test
    void shouldNeedTheSearchScopeForAnySearch() {
        QvarnHttp searcher = anonymous.withToken(qvarn.issueToken(List.of("uapi_things_search_id_get")));

        assertThat(searcher.get("/things/search/exact/name/x/show_all").status()).isEqualTo(200);
        assertThat(anonymous.withToken(qvarn.issueToken(List.of("uapi_things_get")))
                .get("/things/search/show_all").json().path("route_scope").asText())
                .isEqualTo("uapi_things_search_id_get");
    }

    @Test
    void shouldNeedTheHeadScopeForHead() {
        Reply reply = all.send("HEAD", "/things", null, null);

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void shouldAnswerHtml404ForAnUnknownPathWhateverTheToken() {
        Reply reply = anonymous.get("/nothing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("text/html");
    }

    @Test
    void shouldServeVersionWithoutOrWithABadToken() {
        assertThat(anonymous.get("/version").status()).isEqualTo(200);
        assertThat(anonymous.withToken("garbage").get("/version").status()).isEqualTo(200);
    }

    @Test
    void shouldServeEveryRouteWithAllScopes() {
        Reply created = all.post("/things", "{}");
        String listener = all.post("/things/listeners", "{\"listen_on_all\": true}").id();
        all.put("/things/" + created.id(), "{\"revision\": \"" + created.revision() + "\"}");
        String notification = all.get("/things/listeners/" + listener + "/notifications").ids().get(0);

        assertThat(created.status()).isEqualTo(201);
        assertThat(all.get("/things/search/show_all").ids()).containsExactly(created.id());
        assertThat(all.get("/things/" + created.id() + "/sync").status()).isEqualTo(200);
        assertThat(all.get("/things/listeners/" + listener + "/notifications/" + notification).status()).isEqualTo(200);
        assertThat(all.delete("/things/listeners/" + listener + "/notifications/" + notification).status()).isEqualTo(200);
        assertThat(all.delete("/things/" + created.id()).status()).isEqualTo(200);
    }

    @Test
    void shouldNeitherRequireNorCheckTokensWithoutAuth() {
        try (EmbeddedQvarn open = Fixtures.startThings()) {
            QvarnHttp http = new QvarnHttp(open.baseUrl());

            assertThat(http.get("/things").status()).isEqualTo(200);
            assertThat(http.withToken("garbage").get("/things").status()).isEqualTo(200);
        }
    }
}

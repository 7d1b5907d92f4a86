package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.auth.TokenService;

/** {@code POST /auth/token}, the client credentials flow of section 7.3. */
class TokenEndpointTest {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("worker:s3cret".getBytes(StandardCharsets.UTF_8));

    private static EmbeddedQvarn qvarn;
    private static QvarnHttp http;

    @BeforeAll
    static void start() {
        qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes()).auth("worker", "s3cret").build().start();
        http = new QvarnHttp(qvarn.baseUrl());
    }

    @AfterAll
    static void stop() {
        qvarn.close();
    }

    private static Reply token(String form, String... headers) {
        return http.send("POST", "/auth/token", FORM, form.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void shouldGrantTheRequestedScopes() {
        Reply reply = token("grant_type=client_credentials&scope=uapi_things_get+uapi_things_post", "Authorization", BASIC);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        JsonNode body = reply.json();
        assertThat(body.path("token_type").asText()).isEqualTo("bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.path("scope").asText()).isEqualTo("uapi_things_get uapi_things_post");
        QvarnHttp client = http.withToken(body.path("access_token").asText());
        assertThat(client.get("/things").status()).isEqualTo(200);
        assertThat(client.post("/things", "{}").status()).isEqualTo(201);
        assertThat(client.get("/things/x").status()).isEqualTo(403);
    }

    @Test
    void shouldIssueAnRs512TokenWithTheClaimsQvarnChecks() throws Exception {
        Reply reply = token("grant_type=client_credentials&scope=uapi_things_get", "Authorization", BASIC);

        SignedJWT jwt = SignedJWT.parse(reply.json().path("access_token").asText());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS512);
        assertThat(claims.getIssuer()).isEqualTo(TokenService.ISSUER);
        assertThat(claims.getSubject()).isEqualTo("worker");
        assertThat(claims.getAudience()).containsExactly("worker");
        assertThat(claims.getStringClaim("scope")).isEqualTo("uapi_things_get");
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
    }

    @Test
    void shouldGrantEveryScopeWhenNoneIsRequested() {
        Reply reply = token("grant_type=client_credentials", "Authorization", BASIC);

        assertThat(reply.json().path("scope").asText().split(" ")).containsExactlyInAnyOrderElementsOf(qvarn.allScopes());
    }

    @Test
    void shouldAnswer401ForAWrongSecret() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("worker:guess".getBytes(StandardCharsets.UTF_8));

        Reply reply = token("grant_type=client_credentials", "Authorization", wrong);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(reply.body()).doesNotContain("s3cret");
    }

    @Test
    void shouldAnswer401WithoutClientCredentials() {
        assertThat(token("grant_type=client_credentials").status()).isEqualTo(401);
    }

    @Test
    void shouldAcceptClientCredentialsInTheForm() {
        Reply reply = token("grant_type=client_credentials&client_id=worker&client_secret=s3cret");

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer400ForAnotherGrantType() {
        Reply reply = token("grant_type=password", "Authorization", BASIC);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void shouldIssueTokensToAnyoneWithoutAuth() {
        try (EmbeddedQvarn open = Fixtures.startThings()) {
            Reply reply = new QvarnHttp(open.baseUrl()).send("POST", "/auth/token", FORM,
                    "grant_type=client_credentials&scope=uapi_things_get".getBytes(StandardCharsets.UTF_8));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("scope").asText()).isEqualTo("uapi_things_get");
        }
    }
}

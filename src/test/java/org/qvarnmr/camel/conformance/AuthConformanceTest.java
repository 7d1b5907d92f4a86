package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;
import static org.qvarnmr.camel.conformance.Fixture.ITEM_TYPE;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.qvarnmr.camel.qvarn.client.QvarnUnauthorizedException;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * Protocol 7.1 and 7.3: bearer-token checks in 0.82's order and the client-credentials flow. Tests
 * that need tokens for chosen scopes are skipped on a static-token target.
 */
@ExtendWith(ConformanceExtension.class)
class AuthConformanceTest {
    private static final String LIST = "uapi_" + ITEMS + "_get";
    private static final String CREATE = "uapi_" + ITEMS + "_post";
    private static final String READ = "uapi_" + ITEMS + "_id_get";
    private static final String DELETE = "uapi_" + ITEMS + "_id_delete";

    private static void assumeTokensForChosenScopes(Fixture qvarn) {
        assumeTrue(qvarn.target().issuesTokens(), "the target has a static token, not client credentials");
    }

    /** A well-formed RS512 or HS256 token that the target did not sign. */
    private static String foreignToken(JWSAlgorithm algorithm) throws JOSEException {
        JWSSigner signer;
        if (JWSAlgorithm.RS512.equals(algorithm)) {
            signer = new RSASSASigner(new RSAKeyGenerator(2048).generate());
        } else {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            signer = new MACSigner(secret);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://auth.example.com").subject("worker-1")
                .audience("qvarn-mr").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("scope", LIST).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static QvarnUnauthorizedException unauthorized(QvarnClient client) {
        return assertThrows(QvarnUnauthorizedException.class, () -> client.listIds(ITEMS));
    }

    @Test
    void shouldGrantTheRequestedScopesAtTheTokenEndpoint(Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        QvarnClient client = qvarn.clientWithScopes(List.of(CREATE, READ, DELETE));

        client.authenticate();
        String id = client.create(ITEMS, qvarn.item("{}")).get("id").textValue();
        qvarn.forget(ITEMS, id);

        assertThat(client.get(ITEMS, id).get("id").textValue()).isEqualTo(id);
    }

    @Test
    void shouldRefuseARouteWhoseScopeTheTokenLacksAndNameTheScope(Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        String id = qvarn.createId("{}");
        QvarnClient client = qvarn.clientWithScopes(List.of(LIST));

        assertThat(client.listIds(ITEMS)).contains(id);
        QvarnForbiddenException e = assertThrows(QvarnForbiddenException.class, () -> client.get(ITEMS, id));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("NoAccessToRouteScope");
        assertThat(e.routeScope()).isEqualTo(READ);
    }

    @Test
    void shouldCheckTheScopeBeforeTheIdExists(Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        QvarnClient client = qvarn.clientWithScopes(List.of(LIST));

        QvarnForbiddenException e = assertThrows(QvarnForbiddenException.class,
                () -> client.get(ITEMS, Fixture.unknownId(ITEM_TYPE)));

        assertThat(e.routeScope()).isEqualTo(READ);
    }

    @Test
    void shouldAnswerAMissingScopeWithInsufficientScope(Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        String token = qvarn.target().bearerToken(List.of(LIST));

        RawHttp.Reply reply = qvarn.raw().send("GET", "/" + ITEMS + "/" + Fixture.unknownId(ITEM_TYPE), null, null,
                Map.of("Authorization", "Bearer " + token), false);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
        assertThat(reply.json().path("route_scope").asText()).isEqualTo(READ);
    }

    @Test
    void shouldAnswer401WithoutAnAuthorizationHeader(Fixture qvarn) {
        QvarnUnauthorizedException e = unauthorized(qvarn.anonymousClient());

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).isEqualTo("AuthorizationHeaderMissing");
        RawHttp.Reply reply = qvarn.raw().send("GET", "/" + ITEMS, null, null, Map.of(), false);
        assertThat(reply.header("WWW-Authenticate")).isNull();
    }

    @Test
    void shouldAnswer401ForATokenThatIsNotAJwt(Fixture qvarn) {
        QvarnUnauthorizedException e = unauthorized(qvarn.clientWithToken("not-a-jwt", null, List.of()));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).isEqualTo("InvalidAccessTokenError");
        assertThat(e.errorBody().path("token_error").isTextual()).isTrue();
    }

    @Test
    void shouldAnswerABadTokenWithInvalidToken(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().send("GET", "/" + ITEMS, null, null,
                Map.of("Authorization", "Bearer not-a-jwt"), false);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void shouldAnswer401ForATokenSignedWithAnotherKey(Fixture qvarn) throws JOSEException {
        String token = foreignToken(JWSAlgorithm.RS512);

        QvarnUnauthorizedException e = unauthorized(qvarn.clientWithToken(token, null, List.of()));

        assertThat(e.errorCode()).isEqualTo("InvalidAccessTokenError");
    }

    @Test
    void shouldAnswer401ForATokenNotSignedWithRs512(Fixture qvarn) throws JOSEException {
        String token = foreignToken(JWSAlgorithm.HS256);

        QvarnUnauthorizedException e = unauthorized(qvarn.clientWithToken(token, null, List.of()));

        assertThat(e.errorCode()).isEqualTo("InvalidAccessTokenError");
    }

    /** The header must split into exactly two words; the client sends {@code Bearer a b}. */
    @Test
    void shouldAnswer403ForAnAuthorizationHeaderOfThreeWords(Fixture qvarn) {
        QvarnClient client = qvarn.clientWithToken("two words", null, List.of());

        QvarnForbiddenException e = assertThrows(QvarnForbiddenException.class, () -> client.listIds(ITEMS));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("InvalidAuthorizationHeaderFormat");
        assertThat(e.routeScope()).isNull();
    }

    /** The header is split on single spaces: one word, an empty word or another scheme are refused. */
    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Basic %s", "Bearer  %s", "Bearer", "%s"})
    void shouldAnswer403ForAMalformedAuthorizationHeader(String shape, Fixture qvarn) {
        String header = shape.replace("%s", qvarn.target().bearerToken());

        RawHttp.Reply reply = qvarn.raw().send("GET", "/" + ITEMS, null, null, Map.of("Authorization", header),
                false);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("InvalidAuthorizationHeaderFormat");
    }

    @Test
    void shouldAnswerATokenRequestWithTheTokenAndTheGrantedScopes(Fixture qvarn) throws IOException {
        assumeTokensForChosenScopes(qvarn);

        HttpResponse<String> response = qvarn.target().requestToken(List.of(LIST, READ));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertThat(answer.path("access_token").asText()).isNotEmpty();
        assertThat(answer.path("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(answer.path("expires_in").isNumber()).isTrue();
        assertThat(answer.path("scope").asText().split(" ")).contains(LIST, READ);
    }

    @Test
    void shouldAcceptTheWordBearerInAnyCase(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().send("GET", "/" + ITEMS, null, null,
                Map.of("Authorization", "bEARER " + qvarn.target().bearerToken()), false);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAnUnknownPathWith404WhateverTheToken(Fixture qvarn) {
        QvarnNotFoundException e = assertThrows(QvarnNotFoundException.class,
                () -> qvarn.anonymousClient().get("no_such_things", Fixture.unknownId("no_such_thing")));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).isNull();
    }

    /** The client checks that every requested scope was granted (the answer's {@code scope}). */
    @Test
    void shouldNameTheRequestedScopesThatWereNotGranted(Fixture qvarn) {
        QvarnClient client = qvarn.clientWithToken(qvarn.target().bearerToken(), LIST, List.of(LIST, CREATE, READ));

        QvarnUnauthorizedException e = assertThrows(QvarnUnauthorizedException.class, client::authenticate);

        assertThat(e.getMessage()).contains(CREATE, READ);
    }

    @Test
    void shouldRefuseATokenForWrongClientCredentials(Fixture qvarn) {
        assumeTokensForChosenScopes(qvarn);
        QvarnClient client = qvarn.track(qvarn.target().clientWithSecret(Secret.of("not-the-secret")));

        QvarnUnauthorizedException e = assertThrows(QvarnUnauthorizedException.class, client::authenticate);

        assertThat(e.status()).isIn(400, 401, 403);
    }
}

package org.qvarnmr.camel.qvarn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.server.protocol.ApiError;

/** The claim checks of section 7.1, on tokens signed with the right key. */
class TokenServiceTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static TokenService tokens;

    @BeforeAll
    static void keys() {
        tokens = new TokenService(Clock.fixed(NOW, ZoneOffset.UTC));
        tokens.generateKeys();
    }

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer(TokenService.ISSUER).subject("worker").audience("qvarn-mr")
                .expirationTime(Date.from(NOW.plusSeconds(300))).claim("scope", "uapi_a_get uapi_b_get");
    }

    private static String tokenError(JWTClaimsSet claims) {
        ApiError error = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
                () -> tokens.verify(tokens.sign(claims)));
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.errorCode()).isEqualTo("InvalidAccessTokenError");
        assertThat(error.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return (String) error.body().get("token_error");
    }

    @Test
    void shouldReturnTheScopesOfAValidToken() {
        assertThat(tokens.verify(tokens.sign(valid().build()))).containsExactlyInAnyOrder("uapi_a_get", "uapi_b_get");
    }

    @Test
    void shouldIssueTokensItAccepts() {
        assertThat(tokens.verify(tokens.issue("w", "w", List.of("s1"), NOW.plusSeconds(60)))).containsExactly("s1");
    }

    @Test
    void shouldRejectAnotherIssuer() {
        assertThat(tokenError(valid().issuer("https://other").build())).isEqualTo("Invalid issuer");
    }

    @Test
    void shouldRejectAMissingSubject() {
        assertThat(tokenError(valid().subject(null).build())).isEqualTo("Invalid subject (sub)");
    }

    @Test
    void shouldRejectExpiryBeyondTheLeeway() {
        assertThat(tokenError(valid().expirationTime(Date.from(NOW.minusSeconds(61))).build()))
                .isEqualTo("Signature has expired");
    }

    @Test
    void shouldAcceptExpiryWithinTheLeeway() {
        assertThat(tokens.verify(tokens.sign(valid().expirationTime(Date.from(NOW.minusSeconds(59))).build())))
                .isNotEmpty();
    }

    @Test
    void shouldAcceptATokenWithoutExpiry() {
        assertThat(tokens.verify(tokens.sign(valid().expirationTime(null).build()))).isNotEmpty();
    }

    @Test
    void shouldRejectANotBeforeInTheFuture() {
        assertThat(tokenError(valid().notBeforeTime(Date.from(NOW.plusSeconds(120))).build())).contains("nbf");
    }

    @Test
    void shouldRejectAnIssueTimeInTheFuture() {
        assertThat(tokenError(valid().issueTime(Date.from(NOW.plusSeconds(120))).build())).contains("iat");
    }

    @Test
    void shouldRejectAMissingScopeClaimInsteadOfCrashing() {
        assertThat(tokenError(valid().claim("scope", null).build())).contains("scope");
    }

    @Test
    void shouldRejectAMissingAudienceInsteadOfCrashing() {
        assertThat(tokenError(valid().audience((String) null).build())).contains("aud");
    }

    @Test
    void shouldRejectGarbage() {
        assertThatThrownBy(() -> tokens.verify("not-a-jwt")).isInstanceOf(ApiError.class);
    }
}

package org.qvarnmr.camel.qvarn.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Set;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;

/**
 * Issues and checks RS512 access tokens with this server's own RSA key, as 0.82 checks them
 * (section 7.1): RS512 only, {@code iss} must match, {@code exp}/{@code nbf}/{@code iat} only if
 * present and with 60 s leeway, {@code sub} required.
 */
public final class TokenService {
    public static final String ISSUER = "qvarnmr-camel-embedded-qvarn";
    private static final Duration LEEWAY = Duration.ofSeconds(60);

    private record Keys(RSASSASigner signer, RSASSAVerifier verifier) {
    }

    private final Clock clock;
    private volatile Keys keys;

    public TokenService(Clock clock) {
        this.clock = clock;
    }

    /** Creates the RSA 2048 key pair now rather than on first use. */
    public void generateKeys() {
        keys();
    }

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    try {
                        RSAKey key = new RSAKeyGenerator(2048).generate();
                        current = new Keys(new RSASSASigner(key), new RSASSAVerifier(key.toRSAPublicKey()));
                    } catch (JOSEException e) {
                        throw new IllegalStateException("cannot create the token signing key", e);
                    }
                    keys = current;
                }
            }
        }
        return current;
    }

    public String issue(String subject, String audience, Collection<String> scopes, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(expiresAt))
                .claim("scope", String.join(" ", scopes))
                .build();
        return sign(claims);
    }

    /** Signs any claims with this server's key (tests use it to build odd tokens). */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(keys().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * The token's scopes, or 401 {@code InvalidAccessTokenError}. A token without {@code scope} or
     * {@code aud} is refused here too; 0.82 answers those with a 500.
     */
    Set<String> verify(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS512.equals(jwt.getHeader().getAlgorithm())) {
                throw Errors.invalidAccessToken("The specified alg value is not allowed");
            }
            if (!jwt.verify(keys().verifier())) {
                throw Errors.invalidAccessToken("Signature verification failed");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw Errors.invalidAccessToken("Invalid token: " + e.getMessage());
        }
        checkClaims(claims);
        // Set.of throws on duplicates; 0.82 tests membership in scope.split(' '), so "a a" is fine there
        return Set.copyOf(Arrays.asList(((String) claims.getClaim("scope")).split(" ")));
    }

    private void checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (!ISSUER.equals(claims.getIssuer())) {
            throw Errors.invalidAccessToken("Invalid issuer");
        }
        Date expires = claims.getExpirationTime();
        if (expires != null && now.isAfter(expires.toInstant().plus(LEEWAY))) {
            throw Errors.invalidAccessToken("Signature has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(LEEWAY).isBefore(notBefore.toInstant())) {
            throw Errors.invalidAccessToken("The token is not yet valid (nbf)");
        }
        Date issued = claims.getIssueTime();
        if (issued != null && now.plus(LEEWAY).isBefore(issued.toInstant())) {
            throw Errors.invalidAccessToken("Issued At claim (iat) cannot be in the future.");
        }
        if (claims.getSubject() == null) {
            throw Errors.invalidAccessToken("Invalid subject (sub)");
        }
        if (!(claims.getClaim("scope") instanceof String)) {
            throw Errors.invalidAccessToken("Token has no scope claim");
        }
        if (claims.getAudience() == null || claims.getAudience().isEmpty()) {
            throw Errors.invalidAccessToken("Token has no aud claim");
        }
    }
}

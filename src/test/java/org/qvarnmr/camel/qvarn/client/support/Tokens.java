package org.qvarnmr.camel.qvarn.client.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Test tokens, like qvarn-mr's dummy ones: HS256 JWTs the client reads without verifying. */
public final class Tokens {
    private static final byte[] KEY = "a test key that is long enough for HS256 signing!".getBytes();

    private Tokens() {
    }

    /** A JWT expiring at {@code exp} (none when null), unique per call. */
    public static String jwt(Instant exp) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("worker").issuer("https://auth.test").jwtID(UUID.randomUUID().toString())
                .issueTime(new Date());
        if (exp != null) {
            claims.expirationTime(Date.from(exp));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The token endpoint's answer. */
    public static FakeQvarn.Reply reply(String token, String scope, Long expiresIn) {
        return FakeQvarn.Reply.json("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\""
                + scope + "\"" + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}");
    }
}

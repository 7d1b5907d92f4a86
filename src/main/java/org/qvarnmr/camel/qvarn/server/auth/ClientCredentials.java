package org.qvarnmr.camel.qvarn.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** The one OAuth2 client the token endpoint accepts when auth is on. */
public record ClientCredentials(String clientId, String clientSecret) {

    /** True for HTTP Basic credentials, or form fields, that name this client. */
    boolean matches(String authorizationHeader, String formClientId, String formSecret) {
        if (authorizationHeader != null && authorizationHeader.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon >= 0 && same(decoded.substring(0, colon), clientId)
                    && same(decoded.substring(colon + 1), clientSecret);
        }
        return formClientId != null && formSecret != null && same(formClientId, clientId)
                && same(formSecret, clientSecret);
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}

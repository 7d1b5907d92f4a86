package org.qvarnmr.camel.qvarn.server.auth;

import java.util.Set;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;
import org.qvarnmr.camel.qvarn.server.protocol.Request;

/** Section 7.1: the bearer token checks, in 0.82's order, for every route but {@code /version}. */
public final class AccessChecker {
    private final TokenService tokens;
    private final boolean enabled;

    /** @param enabled without auth, tokens are neither required nor verified */
    public AccessChecker(TokenService tokens, boolean enabled) {
        this.tokens = tokens;
        this.enabled = enabled;
    }

    public void check(Request request, String routeScope) {
        if (!enabled) {
            return;
        }
        String header = request.header("Authorization");
        if (header == null) {
            throw Errors.authorizationHeaderMissing();
        }
        // split on single spaces like Python's split(' '): two spaces make an empty word
        String[] words = header.split(" ", -1);
        if (words.length != 2 || !words[0].equalsIgnoreCase("bearer")) {
            throw Errors.invalidAuthorizationHeaderFormat();
        }
        Set<String> scopes = tokens.verify(words[1]);
        if (!scopes.contains(routeScope)) {
            throw Errors.noAccessToRouteScope(routeScope);
        }
    }
}

package org.qvarnmr.camel.qvarn.server.http;

import java.util.List;

/** The route kinds of section 3 (plus {@code /version} and {@code /auth/token}) and their methods. */
public enum Endpoint {
    VERSION("GET"),
    TOKEN("POST"),
    COLLECTION("GET", "POST"),
    SEARCH("GET"),
    ITEM("GET", "PUT", "DELETE"),
    SUBRESOURCE("GET", "PUT"),
    FILE("GET", "PUT"),
    LISTENERS("GET", "POST"),
    LISTENER("GET", "PUT", "DELETE"),
    NOTIFICATIONS("GET"),
    NOTIFICATION("GET", "DELETE");

    private final List<String> methods;

    Endpoint(String... methods) {
        this.methods = List.of(methods);
    }

    public List<String> methods() {
        return methods;
    }

    /** Bottle routes HEAD like GET. */
    public boolean allows(String method) {
        return methods.contains(method) || ("HEAD".equals(method) && methods.contains("GET"));
    }

    /** {@code /version} skips authorization; {@code /auth/token} has its own. */
    public boolean needsToken() {
        return this != VERSION && this != TOKEN;
    }
}

package org.qvarnmr.camel.bench;

/** The request kinds whose capacity the server is measured for: what bounds a workload's request mix. */
enum RequestKind {
    GET, SEARCH, POST, PUT, DELETE, OTHER;

    /**
     * The kind of an access-log route ({@code "GET /reports/search"}, {@code "POST /reports"}): a search by its
     * path, else its method. Token requests ({@code /auth/...}) are OTHER: not Qvarn's work, outside the bound.
     */
    static RequestKind of(String methodAndRoute) {
        int space = methodAndRoute.indexOf(' ');
        String method = space < 0 ? methodAndRoute : methodAndRoute.substring(0, space);
        String route = space < 0 ? "" : methodAndRoute.substring(space + 1);
        if (route.startsWith("/auth/")) {
            return OTHER;
        }
        if (route.endsWith("/search") || route.contains("/search/")) {
            return SEARCH;
        }
        return switch (method) {
            case "GET" -> GET;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            default -> OTHER;
        };
    }
}

package org.qvarnmr.camel.qvarn.server.http;

import java.util.List;
import java.util.Locale;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;

/**
 * A path matched to a route.
 *
 * @param store the type's store, null for {@code /version} and {@code /auth/token}
 * @param template the route template for request counting, e.g. {@code /orgs/{id}}
 * @param scopeTemplate the bottle rule the scope is named after (differs for search)
 * @param params the decoded placeholders: id, subpath, listener id, notification id, or the raw
 *     search criteria
 */
public record RouteMatch(Endpoint endpoint, ResourceStore store, String template, String scopeTemplate,
        List<String> params) {

    public RouteMatch {
        params = List.copyOf(params);
    }

    String param(int index) {
        return params.get(index);
    }

    public String scope(String method) {
        return scopeOf(scopeTemplate, method);
    }

    /**
     * Section 7.2: placeholders become {@code id}, slashes underscores, prefix {@code uapi}, suffix
     * the method, all lower case.
     */
    static String scopeOf(String template, String method) {
        String path = template.replaceAll("\\{[^}]*}", "id").replace('/', '_');
        return ("uapi" + path + "_" + method).toLowerCase(Locale.ROOT);
    }
}

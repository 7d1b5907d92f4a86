package org.qvarnmr.camel.binding;

import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Qvarn scopes a worker needs for a set of bindings, per the original README: full resource access
 * to the state types and every target, plus listener and notification access to every listened type
 * (map sources and map targets that feed a reduce; {@code join} only reads those). Names follow Qvarn's
 * rule {@code uapi_<path>_<suffix>}, lower-cased.
 */
public final class RequiredScopes {
    /** The worker's own state types. */
    public static final List<String> STATE_TYPES = List.of("qvarnmr_listeners", "qvarnmr_handlers");

    private static final List<String> RESOURCE = List.of("get", "post", "id_get", "id_put", "id_delete", "search_id_get");
    private static final List<String> LISTENER = List.of("listeners_post", "listeners_get", "listeners_id_get",
            "listeners_id_put", "listeners_id_delete", "listeners_id_notifications_get",
            "listeners_id_notifications_id_get", "listeners_id_notifications_id_delete");

    private RequiredScopes() {
    }

    public static SortedSet<String> of(HandlerBindings bindings) {
        SortedSet<String> scopes = new TreeSet<>();
        STATE_TYPES.forEach(type -> add(scopes, type, RESOURCE));
        bindings.targetTypes().forEach(type -> add(scopes, type, RESOURCE));
        for (String type : bindings.listenedTypes()) {
            add(scopes, type, RESOURCE);
            add(scopes, type, LISTENER);
        }
        return scopes;
    }

    private static void add(SortedSet<String> scopes, String path, List<String> suffixes) {
        suffixes.forEach(suffix -> scopes.add(("uapi_" + path + "_" + suffix).toLowerCase(Locale.ROOT)));
    }
}

package org.qvarnmr.camel.qvarn.server.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.qvarnmr.camel.qvarn.server.search.SearchParser;
import org.qvarnmr.camel.qvarn.server.store.ResourceStore;
import org.qvarnmr.camel.qvarn.server.store.ResourceType;

/** Maps raw request paths to routes; every type's routes exist from the start (no lazy routes). */
public final class Router {
    private static final String SEARCH = "search/";

    private final List<ResourceStore> stores;
    private final Set<String> allScopes;

    public Router(Collection<ResourceStore> stores) {
        List<ResourceStore> byPathLength = new ArrayList<>(stores);
        // a longer type path wins over a type whose path is its prefix
        byPathLength.sort(Comparator.comparingInt((ResourceStore s) -> s.type().path().length()).reversed());
        this.stores = List.copyOf(byPathLength);
        this.allScopes = Collections.unmodifiableSortedSet(scopesOf(this.stores));
    }

    /** The route for a raw path, or null for bottle's 404. */
    public RouteMatch match(String rawPath) {
        if ("/version".equals(rawPath)) {
            return new RouteMatch(Endpoint.VERSION, null, "/version", "/version", List.of());
        }
        if ("/auth/token".equals(rawPath)) {
            return new RouteMatch(Endpoint.TOKEN, null, "/auth/token", "/auth/token", List.of());
        }
        for (ResourceStore store : stores) {
            String base = "/" + store.type().path();
            if (rawPath.equals(base)) {
                return new RouteMatch(Endpoint.COLLECTION, store, base, base, List.of());
            }
            if (rawPath.startsWith(base + "/")) {
                RouteMatch match = matchBelow(store, base, rawPath.substring(base.length() + 1));
                if (match != null) {
                    return match;
                }
            }
        }
        return null;
    }

    private static RouteMatch matchBelow(ResourceStore store, String base, String rest) {
        if (rest.startsWith(SEARCH) && rest.length() > SEARCH.length()) {
            return new RouteMatch(Endpoint.SEARCH, store, base + "/search", base + "/search/{criteria}",
                    List.of(rest.substring(SEARCH.length())));
        }
        String[] raw = rest.split("/", -1);
        List<String> segments = new ArrayList<>();
        for (String segment : raw) {
            if (segment.isEmpty()) {
                return null;
            }
            segments.add(SearchParser.percentDecode(segment));
        }
        if ("listeners".equals(segments.get(0))) {
            return matchListeners(store, base, segments);
        }
        if (segments.size() == 1) {
            return route(Endpoint.ITEM, store, base + "/{id}", segments);
        }
        if (segments.size() == 2) {
            String subpath = segments.get(1);
            if (store.type().subresources().containsKey(subpath)) {
                return route(Endpoint.SUBRESOURCE, store, base + "/{id}/" + subpath, segments);
            }
            if (store.type().files().contains(subpath)) {
                return route(Endpoint.FILE, store, base + "/{id}/" + subpath, segments);
            }
        }
        return null;
    }

    private static RouteMatch matchListeners(ResourceStore store, String base, List<String> segments) {
        String listeners = base + "/listeners";
        boolean notifications = segments.size() >= 3 && "notifications".equals(segments.get(2));
        return switch (segments.size()) {
            case 1 -> route(Endpoint.LISTENERS, store, listeners, List.of());
            case 2 -> route(Endpoint.LISTENER, store, listeners + "/{lid}", segments.subList(1, 2));
            case 3 -> notifications
                    ? route(Endpoint.NOTIFICATIONS, store, listeners + "/{lid}/notifications", segments.subList(1, 2))
                    : null;
            case 4 -> notifications ? route(Endpoint.NOTIFICATION, store, listeners + "/{lid}/notifications/{nid}",
                    List.of(segments.get(1), segments.get(3))) : null;
            default -> null;
        };
    }

    private static RouteMatch route(Endpoint endpoint, ResourceStore store, String template, List<String> params) {
        return new RouteMatch(endpoint, store, template, template, params);
    }

    /** Every scope of every type's routes (section 7.2), and nothing else; sorted. */
    public Set<String> allScopes() {
        return allScopes;
    }

    private static TreeSet<String> scopesOf(List<ResourceStore> stores) {
        TreeSet<String> scopes = new TreeSet<>();
        for (ResourceStore store : stores) {
            ResourceType type = store.type();
            String base = "/" + type.path();
            add(scopes, Endpoint.COLLECTION, base);
            add(scopes, Endpoint.ITEM, base + "/{id}");
            add(scopes, Endpoint.SEARCH, base + "/search/{criteria}");
            type.subresources().keySet().forEach(sub -> add(scopes, Endpoint.SUBRESOURCE, base + "/{id}/" + sub));
            type.files().forEach(file -> add(scopes, Endpoint.FILE, base + "/{id}/" + file));
            add(scopes, Endpoint.LISTENERS, base + "/listeners");
            add(scopes, Endpoint.LISTENER, base + "/listeners/{lid}");
            add(scopes, Endpoint.NOTIFICATIONS, base + "/listeners/{lid}/notifications");
            add(scopes, Endpoint.NOTIFICATION, base + "/listeners/{lid}/notifications/{nid}");
        }
        return scopes;
    }

    private static void add(Set<String> scopes, Endpoint endpoint, String template) {
        endpoint.methods().forEach(method -> scopes.add(RouteMatch.scopeOf(template, method)));
    }
}

package org.qvarnmr.camel.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.binding.RequiredScopes;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.handler.builtin.JoinNames;
import org.qvarnmr.camel.handler.builtin.JoinReducer;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * Checks, before the worker creates listeners or writes anything, that it can work at all: the configured
 * scopes cover what the handlers need, Qvarn knows every resource type the bindings name (and the worker's
 * own state types), and the token is accepted on each of them. Every problem of one kind is reported at
 * once. Qvarn being unreachable is not a finding: its exception passes through, so the caller rides the
 * outage out.
 *
 * <p>How a type is probed: {@code GET /{path}/search/exact/id/<an id that never exists>} answers 200
 * {@code {"resources": []}} for a known type (Qvarn 0.82 and qvarn-jsonb alike). A 404 means no route
 * matched; a freshly started Qvarn 0.82 process installs a type's routes only after a request to exactly
 * {@code /{path}} (protocol 2.4), so a 404 is confirmed with {@code GET /{path}}: that request installs
 * the routes of a known type and answers 200, and answers 404 only when no type has that path. The
 * confirmation lists the type's ids, so it costs more, but it is made only after a 404.
 *
 * <p>A source of a join's map target is probed with {@code GET /{path}/search/show/type/sort/id/limit/1}
 * instead (the same one request, the shape of the resync's first page): Qvarn 0.82 has no API that names a
 * path's type, but any resource there does. When every source of a join's map target has a resource and no
 * source's type is a name the join uses (or the name is the path of a source of another type: {@code orgs}
 * for {@code org}), the worker stops here, before it writes anything; a source without resources leaves the
 * check to the join itself at run time ({@link org.qvarnmr.camel.handler.builtin.JoinNames}).
 */
public final class StartupChecks {
    /** An id no Qvarn generates (Qvarn ids are hex with dashes). */
    static final String PROBE_ID = "qvarnmr-startup-probe";

    private final QvarnClient qvarn;
    private final HandlerBindings bindings;
    private final WorkerSettings settings;
    private final Set<String> joinSources = new LinkedHashSet<>();
    private final Map<String, String> typeNames = new LinkedHashMap<>();

    public StartupChecks(QvarnClient qvarn, HandlerBindings bindings, WorkerSettings settings) {
        this.qvarn = qvarn;
        this.bindings = bindings;
        this.settings = settings;
        for (HandlerBinding b : bindings.all()) {
            if (b.reduceHandler() instanceof JoinReducer join) {
                joinSources.addAll(join.sourcePaths());
            }
        }
    }

    /**
     * Runs every check.
     *
     * @throws Failed naming the missing scopes or unknown types
     * @throws org.qvarnmr.camel.qvarn.client.QvarnException when Qvarn fails otherwise (unreachable, 401)
     */
    public void run() {
        checkConfiguredScopes();
        checkTypes();
        checkJoinNames();
    }

    /** With authentication and an explicit {@code qvarn.scope}, every scope the handlers need must be in it. */
    void checkConfiguredScopes() {
        if (settings.qvarn().clientId().isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>(RequiredScopes.of(bindings));
        missing.removeAll(settings.qvarn().scopes());
        if (!missing.isEmpty()) {
            throw new Failed(false, Settings.SCOPE.name() + " lacks " + missing.size()
                    + " scope(s) the handlers need: " + String.join(", ", missing) + "\nAdd them to "
                    + Settings.SCOPE.name() + ", or leave it empty so the worker requests exactly what it needs.");
        }
    }

    void checkTypes() {
        Map<String, List<String>> roles = roles();
        List<String> unknown = new ArrayList<>();
        Set<String> refusedScopes = new LinkedHashSet<>();
        for (String type : roles.keySet()) {
            try {
                if (!exists(type)) {
                    unknown.add(type);
                }
            } catch (QvarnForbiddenException e) {
                refusedScopes.add(e.routeScope() != null ? e.routeScope() : e.getMessage());
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder text = new StringBuilder("Qvarn at ").append(settings.qvarn().baseUrl())
                    .append(" has no resource type at these paths:");
            for (String type : unknown) {
                text.append("\n  /").append(type).append(": ").append(String.join("; ", roles.get(type)));
            }
            text.append("\nAdd the resource types to Qvarn, or correct the names in the handler bindings.");
            throw new Failed(false, text.toString());
        }
        if (!refusedScopes.isEmpty()) {
            throw new Failed(true, "Qvarn refused the worker's token for want of these scopes: "
                    + String.join(", ", refusedScopes) + "\nGrant them to client '" + settings.qvarn().clientId()
                    + "' in the token service.");
        }
    }

    /** Join names against the types of the map target's sources, as one resource of each shows them. */
    void checkJoinNames() {
        List<String> problems = new ArrayList<>();
        for (HandlerBinding b : bindings.all()) {
            if (b.reduceHandler() instanceof JoinReducer join) {
                Map<String, String> typeOfPath = new LinkedHashMap<>();
                join.sourcePaths().forEach(p -> typeOfPath.put(p, typeNames.get(p)));
                join.mapping().keySet().stream()
                        .map(name -> JoinNames.problem(name, b.source(), typeOfPath, true, "no resource yet"))
                        .filter(Objects::nonNull).forEach(p -> problems.add(b.where() + ": " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new Failed(false, "A join names a type that no source of its map target has, as one resource of "
                    + "each source at " + settings.qvarn().baseUrl() + " shows; it would copy nothing:\n  "
                    + String.join("\n  ", problems) + "\nWrite the type names in the handler bindings.");
        }
    }

    private boolean exists(String type) {
        try {
            if (joinSources.contains(type)) {
                qvarn.search(Search.on(type).show("type").sort("id").limit(1)).stream()
                        .map(r -> r.path("type").asText(null)).filter(Objects::nonNull).findFirst()
                        .ifPresent(name -> typeNames.put(type, name));
            } else {
                qvarn.searchIds(Search.on(type).exact("id", PROBE_ID));
            }
            return true;
        } catch (QvarnNotFoundException noRoute) {
            try {
                qvarn.listIds(type);
                return true;
            } catch (QvarnNotFoundException unknown) {
                return false;
            }
        }
    }

    /** Every type the worker touches, with what it is to the worker (for the message). */
    private Map<String, List<String>> roles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (String state : RequiredScopes.STATE_TYPES) {
            role(roles, state, "the worker's own state type");
        }
        for (HandlerBinding b : bindings.all()) {
            String kind = b.kind() == HandlerKind.MAP ? "map" : "reduce";
            role(roles, b.target(), kind + " target of source '" + b.source() + "'");
            role(roles, b.source(), "source of " + kind + " target '" + b.target() + "'");
        }
        return roles;
    }

    private static void role(Map<String, List<String>> roles, String type, String role) {
        List<String> list = roles.computeIfAbsent(type, t -> new ArrayList<>());
        if (!list.contains(role)) {
            list.add(role);
        }
    }

    /**
     * The worker cannot start. {@link #refused()} tells a refusal by Qvarn (scopes not granted; exit code 3)
     * from a mismatch between bindings or configuration and Qvarn (exit code 2).
     */
    public static final class Failed extends RuntimeException {
        private final boolean refused;

        public Failed(boolean refused, String message) {
            super(message);
            this.refused = refused;
        }

        public boolean refused() {
            return refused;
        }
    }
}

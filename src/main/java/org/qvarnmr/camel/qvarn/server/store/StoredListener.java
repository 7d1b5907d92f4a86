package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * A listener as stored, with its flags read once for fan-out. A {@code null} flag behaves like
 * {@code false} (section 6.2).
 */
public record StoredListener(long seq, String id, String revision, ObjectNode body, boolean notifyOfNew,
        boolean listenOnAll, Set<String> listenOn) {

    static StoredListener of(long seq, String id, String revision, ObjectNode body) {
        Set<String> listenOn = new HashSet<>();
        body.path("listen_on").forEach(v -> listenOn.add(v.textValue()));
        return new StoredListener(seq, id, revision, body, isTrue(body.get("notify_of_new")),
                isTrue(body.get("listen_on_all")), Set.copyOf(listenOn));
    }

    private static boolean isTrue(JsonNode flag) {
        return flag != null && flag.isBoolean() && flag.booleanValue();
    }
}

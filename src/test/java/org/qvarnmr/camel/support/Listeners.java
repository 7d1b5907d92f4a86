package org.qvarnmr.camel.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** The worker's listener records as a test reads or tampers with them. */
public final class Listeners {
    private Listeners() {
    }

    /**
     * Another worker takes the instance over: writes {@code owner} into every listener record, reading it
     * again when the running worker's keep-alive wrote it in between (409).
     */
    public static void takeOver(QvarnMrHarness qvarn, String owner) {
        QvarnClient client = qvarn.client();
        for (ObjectNode listed : qvarn.derived("qvarnmr_listeners")) {
            String id = listed.get("id").asText();
            for (int attempt = 0; ; attempt++) {
                ObjectNode record = client.get("qvarnmr_listeners", id);
                record.put("owner", owner);
                try {
                    client.update("qvarnmr_listeners", id, record);
                    break;
                } catch (QvarnConflictException raced) {
                    if (attempt == 20) {
                        throw raced;
                    }
                }
            }
        }
    }

    /** The notification ids still waiting in the worker's listener on {@code sourceType}. */
    public static List<String> pending(QvarnMrHarness qvarn, String sourceType) {
        String listener = qvarn.derived("qvarnmr_listeners").stream()
                .filter(r -> sourceType.equals(r.get("resource_type").asText())).findFirst().orElseThrow()
                .get("listener_id").asText();
        return qvarn.client().listNotificationIds(sourceType, listener);
    }
}

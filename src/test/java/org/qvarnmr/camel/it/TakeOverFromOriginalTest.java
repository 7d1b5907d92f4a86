package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A Qvarn the original qvarn-mr served: its listeners, handler versions and half-done map-target
 * notifications are taken over as they are.
 */
class TakeOverFromOriginalTest {
    private static ObjectNode listener() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("notify_of_new", true);
        body.put("listen_on_all", true);
        return body;
    }

    private static void record(QvarnMrHarness qvarn, String type, String listenerId) throws Exception {
        qvarn.create("qvarnmr_listeners", "{\"instance\": \"it\", \"resource_type\": \"" + type
                + "\", \"listener_id\": \"" + listenerId + "\", \"owner\": null, \"timestamp\": null}");
    }

    @Test
    void shouldReuseTheOriginalsStateAndDrainItsMapTargetListener() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            // The original's state: listeners on the sources and on the map target, versions recorded.
            String reportsListener = qvarn.client().createListener("reports", listener()).get("id").asText();
            String mapListener = qvarn.client().createListener("reports_counts__map", listener()).get("id").asText();
            record(qvarn, "reports", reportsListener);
            record(qvarn, "reports_counts__map", mapListener);
            for (String[] h : new String[][] {{"reports_counts__map", "reports"}, {"reports_counts", "reports_counts__map"}}) {
                qvarn.create("qvarnmr_handlers", "{\"instance\": \"it\", \"target\": \"" + h[0] + "\", \"source\": \""
                        + h[1] + "\", \"version\": 1}");
            }
            // It wrote a map row but died before reducing its key: only the map-target notification says so.
            qvarn.create("reports", "{\"org\": \"a\"}");
            qvarn.client().deleteNotification("reports", reportsListener,
                    qvarn.client().listNotificationIds("reports", reportsListener).get(0));
            String report = qvarn.derived("reports").get(0).get("id").asText();
            qvarn.create("reports_counts__map", "{\"_mr_key\": \"a\", \"_mr_source_id\": \"" + report
                    + "\", \"_mr_source_type\": \"reports\", \"_mr_version\": 1, \"_mr_deleted\": false}");
            String bindings = """
                    reports_counts__map:
                      reports: {type: map, version: 1, handler: {item: {key: org}}}
                    reports_counts:
                      reports_counts__map: {type: reduce, version: 1, handler: count}
                    """;

            assertThat(qvarn.bindingsYaml(bindings).runWorker()).isZero();

            assertThat(qvarn.derivedByKey("reports_counts").get("a").get("_mr_value").asInt()).isEqualTo(1);
            assertThat(qvarn.derived("qvarnmr_listeners")).extracting(r -> r.get("listener_id").asText())
                    .as("the source listener is reused; the map-target one is gone").containsExactly(reportsListener);
            assertThat(qvarn.client().listListeners("reports_counts__map")).isEmpty();
            assertThat(qvarn.derived("qvarnmr_handlers")).as("no resync: the versions were synchronised").hasSize(2);
            assertThat(qvarn.server().stats().count("POST", "/reports_counts__map")).as("no map row rewritten").isEqualTo(1);
        }
    }

    /**
     * The original's known defect (a key move does not reduce the old key again) leaves a stale count at
     * an org without reports. After the switch, a new report for that org must update that row, not add a
     * second one beside it.
     */
    @Test
    void shouldNotAddASecondRowBesideAStaleCountTheOriginalLeft() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            String reportsListener = qvarn.client().createListener("reports", listener()).get("id").asText();
            record(qvarn, "reports", reportsListener);
            for (String[] h : new String[][] {{"reports_counts__map", "reports"}, {"reports_counts", "reports_counts__map"}}) {
                qvarn.create("qvarnmr_handlers", "{\"instance\": \"it\", \"target\": \"" + h[0] + "\", \"source\": \""
                        + h[1] + "\", \"version\": 1}");
            }
            // The original moved org a's only report to b and reduced only b: a keeps its count of 1.
            String moved = qvarn.create("reports", "{\"org\": \"b\"}");
            for (String n : qvarn.client().listNotificationIds("reports", reportsListener)) {
                qvarn.client().deleteNotification("reports", reportsListener, n);
            }
            qvarn.create("reports_counts__map", "{\"_mr_key\": \"b\", \"_mr_source_id\": \"" + moved
                    + "\", \"_mr_source_type\": \"reports\", \"_mr_version\": 1, \"_mr_deleted\": false}");
            qvarn.create("reports_counts", "{\"_mr_key\": \"a\", \"_mr_value\": 1, \"_mr_version\": 1, \"_mr_timestamp\": 1}");
            qvarn.create("reports_counts", "{\"_mr_key\": \"b\", \"_mr_value\": 1, \"_mr_version\": 1, \"_mr_timestamp\": 2}");
            // After the switch: a new report for org a.
            qvarn.create("reports", "{\"org\": \"a\"}");

            assertThat(qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker()).isZero();

            assertThat(qvarn.derived("reports_counts")).as("one count row per org")
                    .extracting(r -> MrFields.text(r, "_mr_key") + "=" + r.get("_mr_value").asInt())
                    .containsExactlyInAnyOrder("a=1", "b=1");
        }
    }
}

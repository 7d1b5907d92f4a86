package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** The original's create/update/delete flow with join and count, end to end over HTTP. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class MapReduceFlowTest {
    private QvarnMrHarness qvarn;

    private String org(String name) throws Exception {
        return qvarn.create("orgs", "{\"names\": [\"" + name + "\"]}");
    }

    private String report(String org) throws Exception {
        return qvarn.create("reports", "{\"org\": \"" + org + "\", \"report_type\": \"x\"}");
    }

    private int run() throws Exception {
        return qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker();
    }

    @Test
    void shouldJoinOrgAndReportIntoOneRowPerOrg() throws Exception {
        String a = org("A");
        String r1 = report(a);

        assertThat(run()).isZero();

        Map<String, ObjectNode> joined = qvarn.derivedByKey("company_reports");
        assertThat(joined).containsOnlyKeys(a);
        assertThat(joined.get(a).get("org_id").asText()).isEqualTo(a);
        assertThat(joined.get(a).get("report_id").asText()).isEqualTo(r1);
        assertThat(joined.get(a).get("_mr_value").isNull()).isTrue();
        assertThat(joined.get(a).get("_mr_version").asInt()).isEqualTo(1);
        assertThat(joined.get(a).get("_mr_timestamp").asLong()).isPositive();
    }

    @Test
    void shouldWriteMapRowsWithTheOriginalsFields() throws Exception {
        String a = org("A");
        String r1 = report(a);

        run();

        List<ObjectNode> rows = qvarn.derived("company_reports__map");
        assertThat(rows).hasSize(2);
        ObjectNode fromReport = rows.stream().filter(r -> r1.equals(MrFields.text(r, "_mr_source_id"))).findFirst()
                .orElseThrow();
        assertThat(fromReport.get("_mr_key").asText()).isEqualTo(a);
        assertThat(fromReport.get("_mr_source_type").asText()).isEqualTo("reports");
        assertThat(fromReport.get("_mr_version").asInt()).isEqualTo(1);
        assertThat(fromReport.get("_mr_deleted").asBoolean()).isFalse();
        assertThat(fromReport.get("_mr_value").isNull()).isTrue();
    }

    @Test
    void shouldCountReportsPerOrg() throws Exception {
        String a = org("A");
        String b = org("B");
        report(a);
        report(a);
        report(b);

        run();

        Map<String, ObjectNode> counts = qvarn.derivedByKey("reports_counts");
        assertThat(counts).containsOnlyKeys(a, b);
        assertThat(counts.get(a).get("_mr_value").asInt()).isEqualTo(2);
        assertThat(counts.get(b).get("_mr_value").asInt()).isEqualTo(1);
    }

    @Test
    void shouldReduceBothKeysWhenAReportMovesToAnotherOrg() throws Exception {
        String a = org("A");
        String b = org("B");
        String moving = report(a);
        report(a);
        run();

        qvarn.update("reports", moving, "{\"org\": \"" + b + "\"}");
        run();

        Map<String, ObjectNode> counts = qvarn.derivedByKey("reports_counts");
        assertThat(counts.get(a).get("_mr_value").asInt()).as("the key the report left").isEqualTo(1);
        assertThat(counts.get(b).get("_mr_value").asInt()).as("the key the report joined").isEqualTo(1);
        assertThat(qvarn.derived("reports_counts__map")).as("no marked rows left behind").hasSize(2)
                .allSatisfy(r -> assertThat(r.get("_mr_deleted").asBoolean()).isFalse());
    }

    @Test
    void shouldDeleteTheReduceRowWhenItsKeyHasNoRowsLeft() throws Exception {
        String a = org("A");
        String r1 = report(a);
        run();
        assertThat(qvarn.derivedByKey("reports_counts")).containsKey(a);

        qvarn.delete("reports", r1);
        run();

        assertThat(qvarn.derivedByKey("reports_counts")).doesNotContainKey(a);
        assertThat(qvarn.derived("reports_counts__map")).isEmpty();
        assertThat(qvarn.derivedByKey("company_reports")).containsKey(a);
    }

    @Test
    void shouldFollowUpdatesOfTheJoinedSource() throws Exception {
        String a = org("A");
        String r1 = report(a);
        run();
        String r2 = report(a);
        qvarn.delete("reports", r1);

        run();

        assertThat(qvarn.derivedByKey("company_reports").get(a).get("report_id").asText()).isEqualTo(r2);
    }

    @Test
    void shouldDeleteEveryNotificationOnceAllIsWritten() throws Exception {
        report(org("A"));

        run();

        for (ObjectNode listener : qvarn.derived("qvarnmr_listeners")) {
            String type = listener.get("resource_type").asText();
            assertThat(qvarn.client().listNotificationIds(type, listener.get("listener_id").asText()))
                    .as("pending notifications of %s", type).isEmpty();
        }
    }

    @Test
    void shouldListenOnlyOnMapSourcesAndRecordTheirListeners() throws Exception {
        run();

        assertThat(qvarn.derived("qvarnmr_listeners")).extracting(r -> r.get("resource_type").asText())
                .containsExactlyInAnyOrder("orgs", "reports");
        assertThat(qvarn.derived("qvarnmr_listeners")).allSatisfy(r -> {
            assertThat(r.get("instance").asText()).isEqualTo("it");
            assertThat(r.get("owner").isNull()).as("ownership cleared on exit").isTrue();
        });
    }

    @Test
    void shouldRecordHandlerVersionsAndWriteNothingOnASecondRun() throws Exception {
        report(org("A"));
        run();
        assertThat(qvarn.derived("qvarnmr_handlers")).hasSize(5)
                .allSatisfy(r -> assertThat(r.get("version").asInt()).isEqualTo(1));
        qvarn.server().stats().reset();

        run();

        var stats = qvarn.server().stats().snapshot();
        assertThat(stats.keySet()).noneMatch(k -> (k.startsWith("POST /company") || k.startsWith("PUT /company")
                || k.startsWith("DELETE /company") || k.startsWith("POST /reports_counts")
                || k.startsWith("PUT /reports_counts")));
    }

    @Test
    void shouldCoalesceSeveralChangesOfOneResource() throws Exception {
        String a = org("A");
        String b = org("B");
        String r = report(a);
        qvarn.update("reports", r, "{\"org\": \"" + b + "\"}");
        qvarn.update("reports", r, "{\"org\": \"" + a + "\"}");

        run();

        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys(a);
        assertThat(qvarn.derivedByKey("reports_counts").get(a).get("_mr_value").asInt()).isEqualTo(1);
        assertThat(qvarn.derived("reports_counts__map")).hasSize(1);
    }
}

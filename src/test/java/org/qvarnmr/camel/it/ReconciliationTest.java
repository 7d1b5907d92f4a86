package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.support.WorkerFixture;

/** Scheduled reconciliation repairs derived rows changed behind the worker's back, and live changes flow during a resync. */
class ReconciliationTest {
    @RegisterExtension
    final WorkerFixture qvarn = WorkerFixture.perTest();

    @Test
    void shouldRepairDerivedRowsEditedOrDeletedBehindTheWorkersBack() throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        String r1 = qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        qvarn.runOnce(WorkerFixture.README_BINDINGS);
        // Behind the worker's back: a reduce row edited, a map row deleted, a stray reduce row added.
        ObjectNode count = qvarn.byKey("reports_counts").get(a);
        count.put("_mr_value", 99);
        qvarn.client().update("reports_counts", count.get("id").asText(), count);
        qvarn.rows("company_reports__map").stream().filter(r -> r1.equals(MrFields.text(r, "_mr_source_id")))
                .forEach(r -> qvarn.delete("company_reports__map", r.get("id").asText()));
        qvarn.create("reports_counts", "{\"_mr_key\": \"nobody\", \"_mr_value\": 5, \"_mr_version\": 1}");

        try (var worker = qvarn.runForever(WorkerFixture.README_BINDINGS, "qvarnmr.reconcile.cron=0/1 * * * * ?")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(qvarn.byKey("reports_counts")).containsOnlyKeys(a);
                assertThat(qvarn.byKey("reports_counts").get(a).get("_mr_value").asInt()).isEqualTo(2);
                assertThat(qvarn.rows("company_reports__map")).hasSize(3);
            });
        }
    }

    @Test
    void shouldShowALiveChangeBeforeALongResyncFinishes() throws Exception {
        for (int i = 0; i < 300; i++) {
            qvarn.create("reports", "{\"org\": \"org-" + (i % 30) + "\"}");
        }
        qvarn.server().faults().latency(Duration.ofMillis(3));

        try (var worker = qvarn.runForever(WorkerFixture.README_BINDINGS, "qvarnmr.page-size=10", "qvarn.threads=2")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !qvarn.rows("reports_counts__map").isEmpty());
            String live = qvarn.create("orgs", "{\"names\": [\"live\"]}");

            await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.byKey("company_reports").containsKey(live));
            assertThat(qvarn.rows("qvarnmr_handlers")).as("the resync is still running").hasSizeLessThan(5);

            qvarn.server().faults().clear();
            await().atMost(Duration.ofSeconds(60)).until(() -> qvarn.rows("qvarnmr_handlers").size() == 5);
        }
        assertThat(qvarn.byKey("reports_counts")).hasSize(30)
                .allSatisfy((k, row) -> assertThat(row.get("_mr_value").asInt()).isEqualTo(10));
    }
}

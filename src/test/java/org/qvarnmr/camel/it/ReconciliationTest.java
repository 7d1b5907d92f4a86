package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.Faults;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** Scheduled reconciliation repairs derived rows changed behind the worker's back, and live changes flow during a resync. */
class ReconciliationTest {
    private QvarnMrHarness qvarn;

    @BeforeEach
    void start() throws IOException {
        qvarn = TestQvarn.builder().start()
                .bindingsYaml(Bindings.README_BINDINGS);
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    @Test
    void shouldRepairDerivedRowsEditedOrDeletedBehindTheWorkersBack() throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        String r1 = qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        qvarn.runWorker();
        // Behind the worker's back: a reduce row edited, a map row deleted, a stray reduce row added.
        ObjectNode count = qvarn.derivedByKey("reports_counts").get(a);
        count.put("_mr_value", 99);
        qvarn.client().update("reports_counts", count.get("id").asText(), count);
        qvarn.derived("company_reports__map").stream().filter(r -> r1.equals(MrFields.text(r, "_mr_source_id")))
                .forEach(r -> qvarn.delete("company_reports__map", r.get("id").asText()));
        qvarn.create("reports_counts", "{\"_mr_key\": \"nobody\", \"_mr_value\": 5, \"_mr_version\": 1}");

        try (var worker = qvarn.startWorker("qvarnmr.reconcile.cron=0/1 * * * * ?")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys(a);
                assertThat(qvarn.derivedByKey("reports_counts").get(a).get("_mr_value").asInt()).isEqualTo(2);
                assertThat(qvarn.derived("company_reports__map")).hasSize(3);
            });
        }
    }

    /**
     * The resync of the reports' handlers starts by listing the reports (for its progress); the test holds
     * that listing, so the resync cannot finish until the test lets it, and a live change must show meanwhile.
     * (Not the page searches: the start-up checks search the reports too.)
     */
    @Test
    void shouldShowALiveChangeBeforeALongResyncFinishes() throws Exception {
        for (int i = 0; i < 300; i++) {
            qvarn.create("reports", "{\"org\": \"org-" + (i % 30) + "\"}");
        }
        Faults faults = qvarn.server().faults();
        faults.holdEvery(request -> request.equals("GET /reports"));

        try (var worker = qvarn.startWorker("qvarnmr.page-size=10")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> faults.held() > 0);
            String live = qvarn.create("orgs", "{\"names\": [\"live\"]}");

            await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derivedByKey("company_reports").containsKey(live));
            assertThat(qvarn.derived("qvarnmr_handlers")).as("the resync is still running").hasSizeLessThan(5);

            faults.releaseHeld();
            await().atMost(Duration.ofSeconds(60)).until(() -> qvarn.derived("qvarnmr_handlers").size() == 5);
        }
        assertThat(qvarn.derivedByKey("reports_counts")).hasSize(30)
                .allSatisfy((k, row) -> assertThat(row.get("_mr_value").asInt()).isEqualTo(10));
    }
}

package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** The worker in -f mode, fed while it runs: every change handled once, nothing written twice. */
class ForeverModeTest {
    @Test
    void shouldHandleEachLiveChangeOnceWithoutDuplicateRows() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(); // listeners and versions in place
            try (var worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker("qvarnmr.poll-interval=50ms")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derived("qvarnmr_listeners").stream()
                        .allMatch(r -> r.get("owner").isTextual()));
                qvarn.server().stats().reset();
                List<String> orgs = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    orgs.add(qvarn.create("orgs", "{\"names\": [\"org " + i + "\"]}"));
                }
                for (int i = 0; i < 90; i++) {
                    qvarn.create("reports", "{\"org\": \"" + orgs.get(i % 10) + "\"}");
                }

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(qvarn.derivedByKey("reports_counts")).hasSize(10)
                            .allSatisfy((k, row) -> assertThat(row.get("_mr_value").asInt()).isEqualTo(9));
                    assertThat(qvarn.server().stats().count("DELETE", "/reports/listeners/{lid}/notifications/{nid}"))
                            .isEqualTo(90);
                });
            }
            var stats = qvarn.server().stats();
            assertThat(stats.count("GET", "/reports/listeners/{lid}/notifications/{nid}"))
                    .as("each notification read once: passes never overlap").isEqualTo(90);
            assertThat(stats.count("POST", "/reports_counts__map")).as("no duplicate map rows").isEqualTo(90);
            assertThat(stats.count("POST", "/company_reports__map")).isEqualTo(100);
            assertThat(qvarn.derived("reports_counts__map")).hasSize(90);
        }
    }
}

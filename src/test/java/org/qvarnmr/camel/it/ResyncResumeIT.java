package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.WorkerProcess;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A worker killed with SIGKILL in the middle of a resync, started again, continues without redoing what
 * was done: the server's request counts show no map row written twice.
 */
class ResyncResumeIT {
    private static final int ORGS = 40;
    private static final int REPORTS_PER_ORG = 10;

    @Test
    void shouldResumeAKilledResyncWithoutRedoingFinishedWork() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            Map<String, Integer> reportsPerOrg = new HashMap<>();
            for (int o = 0; o < ORGS; o++) {
                String org = qvarn.create("orgs", "{\"names\": [\"org " + o + "\"]}");
                for (int r = 0; r < REPORTS_PER_ORG; r++) {
                    qvarn.create("reports", "{\"org\": \"" + org + "\"}");
                }
                reportsPerOrg.put(org, REPORTS_PER_ORG);
            }
            qvarn.server().stats().reset();
            qvarn.server().faults().latency(Duration.ofMillis(2));
            Path dir = Files.createTempDirectory("resume");
            String[] settings = {"qvarnmr.page-size=20", "qvarnmr.keep-alive-timeout=2",
                    "qvarnmr.keep-alive-update-interval=1", "qvarn.threads=2"};

            try (WorkerProcess first = WorkerProcess.start(dir, Bindings.README_BINDINGS,
                    qvarn.server().baseUrl().toString(), false, settings)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> qvarn.server().stats().count("POST", "/reports_counts__map") >= 150);
                first.kill();
            }
            long postsBeforeKill = qvarn.server().stats().count("POST", "/reports_counts__map");
            assertThat(postsBeforeKill).as("killed in the middle").isLessThan(ORGS * REPORTS_PER_ORG);
            qvarn.server().faults().clear();

            // The killed worker's keep-alive is fresh for 2 s: a restart before that exits 1 and is retried.
            int exit = 1;
            for (int attempt = 0; attempt < 20 && exit == 1; attempt++) {
                try (WorkerProcess second = WorkerProcess.start(dir, Bindings.README_BINDINGS,
                        qvarn.server().baseUrl().toString(), false, settings)) {
                    exit = second.waitFor(120);
                    if (exit != 0 && exit != 1) {
                        throw new AssertionError("exit " + exit + ":\n" + second.output());
                    }
                }
            }
            assertThat(exit).isZero();

            assertThat(qvarn.server().stats().count("POST", "/reports_counts__map"))
                    .as("every map row written exactly once across both runs").isEqualTo(ORGS * REPORTS_PER_ORG);
            assertThat(qvarn.server().stats().count("POST", "/company_reports__map"))
                    .isEqualTo(ORGS * (REPORTS_PER_ORG + 1));
            Map<String, Integer> counts = new HashMap<>();
            qvarn.derivedByKey("reports_counts").forEach((k, row) -> counts.put(k, row.get("_mr_value").asInt()));
            assertThat(counts).isEqualTo(reportsPerOrg);
            assertThat(qvarn.derivedByKey("company_reports")).hasSize(ORGS);
            assertThat(qvarn.derived("qvarnmr_handlers")).hasSize(5);
        }
    }
}

package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.WorkerProcess;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * Hot standby across processes: a second worker on the same instance waits while the first owns it and
 * takes over once the keep-alive timeout has passed after the first is killed with SIGKILL (no shutdown hook, no
 * release); every change made before, during and after the handover is in the derived data.
 */
class FailoverIT {
    private static final int TIMEOUT_SECONDS = 5;

    private QvarnMrHarness qvarn;
    private final List<String> orgs = new ArrayList<>();
    private final Map<String, Integer> expected = new HashMap<>();
    private final List<String> reports = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start();
        for (int i = 0; i < 5; i++) {
            String org = qvarn.create("orgs", "{\"names\": [\"org " + i + "\"]}");
            orgs.add(org);
            expected.put(org, 0);
        }
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    private String[] settings() {
        return ScaleOutIT.settings("ha", "qvarnmr.standby=yes", "qvarnmr.keep-alive-update-interval=1",
                "qvarnmr.keep-alive-timeout=" + TIMEOUT_SECONDS);
    }

    private void reports(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            String org = orgs.get(reports.size() % orgs.size());
            reports.add(qvarn.create("reports", "{\"org\": \"" + org + "\"}"));
            expected.merge(org, 1, Integer::sum);
        }
    }

    private void deleteReports(int n) {
        for (int i = 0; i < n; i++) {
            String id = reports.remove(0);
            String org = qvarn.client().get("reports", id).get("org").asText();
            qvarn.delete("reports", id);
            expected.merge(org, -1, Integer::sum);
        }
    }

    private List<String> owners() {
        return qvarn.derived("qvarnmr_listeners").stream()
                .map(r -> r.get("owner").isNull() ? "" : r.get("owner").asText()).toList();
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        orgs.forEach(o -> counts.put(o, 0));
        qvarn.derivedByKey("reports_counts").forEach((k, row) -> counts.put(k, row.get("_mr_value").asInt()));
        return counts;
    }

    @Test
    void shouldTakeOverFromAKilledWorkerWithoutLosingAChange(@TempDir Path dir) throws Exception {
        try (WorkerProcess first = ScaleOutIT.worker(dir.resolve("first"), Bindings.README_BINDINGS, qvarn,
                settings())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !owners().isEmpty()
                    && owners().stream().allMatch(o -> o.contains("/" + first.pid() + "/")));
            try (WorkerProcess second = ScaleOutIT.worker(dir.resolve("second"), Bindings.README_BINDINGS,
                    qvarn, settings())) {
                await().atMost(Duration.ofSeconds(120)).until(() -> second.output()
                        .contains("standing by: map/reduce engine is running on ") && second.output().contains("/" + first.pid() + "/"));

                reports(20);
                await().atMost(Duration.ofSeconds(60)).until(() -> counts().values().stream().mapToInt(x -> x).sum() > 0);
                reports(20); // some of these are in flight when the first worker dies
                first.kill();
                reports(20); // nobody owns the instance now
                deleteReports(5);

                // The standby takes over once the keep-alive timeout has passed; the ceiling only guards a hang.
                await().atMost(Duration.ofMinutes(3)).until(
                        () -> owners().stream().allMatch(o -> o.contains("/" + second.pid() + "/")));
                reports(20);

                await().atMost(Duration.ofSeconds(120)).until(() -> counts().equals(expected));
                assertThat(qvarn.derivedByKey("company_reports")).containsOnlyKeys(orgs);
                await("every notification handled (acknowledged after the writes)").atMost(Duration.ofSeconds(60))
                        .until(() -> qvarn.derived("qvarnmr_listeners").stream().allMatch(l -> qvarn.client()
                                .listNotificationIds(l.get("resource_type").asText(), l.get("listener_id").asText())
                                .isEmpty()));
                assertThat(counts()).isEqualTo(expected);
                int secondPort = second.managementPort(Duration.ofSeconds(60)); // listening once it took over
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> ScaleOutIT.health(secondPort) == 200);
                assertThat(first.output()).doesNotContain("standing by");

                second.terminate();
                assertThat(owners()).as("released on SIGTERM").allMatch(String::isEmpty);
            }
        }
    }
}

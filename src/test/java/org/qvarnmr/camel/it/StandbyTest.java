package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.ProcessIdentity;

/**
 * qvarnmr.standby: a worker that finds its instance owned by a live worker waits, and takes over once
 * that worker stops refreshing its keep-alive. Here the live owner is played by the test, which stamps
 * the ownership records as a worker's keep-alive would (a real second process: FailoverIT).
 */
class StandbyTest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String OTHER = "other-host/42";
    private static final String[] STANDBY = {"qvarnmr.standby=yes", "qvarnmr.keep-alive-update-interval=500ms",
            "qvarnmr.keep-alive-timeout=3"};

    private QvarnMrHarness qvarn;
    private ScheduledExecutorService other;

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start();
        qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(); // creates the listener records
        other = Executors.newSingleThreadScheduledExecutor();
        other.scheduleAtFixedRate(this::stampOther, 0, 200, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> qvarn.derived("qvarnmr_listeners").stream()
                .allMatch(r -> OTHER.equals(r.get("owner").asText(null))));
    }

    @AfterEach
    void stop() throws Exception {
        other.shutdownNow();
        other.awaitTermination(10, TimeUnit.SECONDS);
        qvarn.close();
    }

    /** The other worker's keep-alive. */
    private void stampOther() {
        try {
            for (ObjectNode record : qvarn.derived("qvarnmr_listeners")) {
                record.put("owner", OTHER);
                record.put("timestamp", STAMP.format(LocalDateTime.now(ZoneOffset.UTC)));
                qvarn.client().update("qvarnmr_listeners", record.get("id").asText(), record);
            }
        } catch (RuntimeException e) {
            // a concurrent write: the next tick stamps again
        }
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    @Test
    void shouldWaitWhileTheOwnerIsAliveAndTakeOverWhenItStops() throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");

        try (var worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(STANDBY)) {
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> qvarn.lastOutput().contains("standing by: map/reduce engine is running on " + OTHER));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofMinutes(1)).until(
                    () -> !worker.exit().isDone() && qvarn.derived("reports_counts").isEmpty());

            other.shutdownNow();
            other.awaitTermination(10, TimeUnit.SECONDS);
            // How soon it takes over is the keep-alive timeout's business, not a bound a loaded machine must meet.
            await().atMost(Duration.ofMinutes(2)).until(() -> count(a) == 1);

            assertThat(qvarn.derivedByKey("company_reports")).containsKey(a);
            assertThat(qvarn.derived("qvarnmr_listeners")).allSatisfy(
                    r -> assertThat(r.get("owner").asText()).startsWith(ProcessIdentity.current().name() + "/"));
        }
    }

    @Test
    void shouldStopCleanlyWhileStandingBy() throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        var worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(STANDBY);
        await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.lastOutput().contains("standing by"));

        worker.runtime().stop();

        assertThat(worker.exit().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(qvarn.derivedByKey("company_reports")).doesNotContainKey(a);
        assertThat(qvarn.derived("qvarnmr_listeners")).allSatisfy(
                r -> assertThat(r.get("owner").asText()).as("the other's records untouched").isEqualTo(OTHER));
    }

    @Test
    void shouldExitOneWithoutStandbyAsTheOriginalDid() throws Exception {
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.keep-alive-timeout=3",
                "qvarnmr.keep-alive-update-interval=500ms")).isEqualTo(1);
        assertThat(qvarn.lastOutput()).contains("map/reduce engine is already running on " + OTHER);
    }
}

package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.RequestStats;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * A worker process ({@code java -jar ... -f}) is killed with SIGKILL at a chosen point of a batch, found
 * by watching the embedded Qvarn's request counters while every request is slowed down; then a one-shot
 * run of the jar finishes the work. Whatever the point, the derived data must equal a from-scratch
 * computation, with one map row per source, one reduce row per key, no row left marked
 * {@code _mr_deleted}, no notification left and no dead letter.
 */
class CrashRecoveryIT {
    private static final String INSTANCE = "crash";
    /** Every request waits this long, so each kill window lasts at least one request: the watcher is in time. */
    private static final Duration SLOW = Duration.ofMillis(50);

    private WorkerFixture qvarn;
    private DerivedModel model;
    private String a;
    private String b;
    private String c;
    private String d;
    private String reportOnA;
    private String reportOnC;

    @BeforeEach
    void setUp() throws Exception {
        qvarn = WorkerFixture.start();
        model = new DerivedModel();
        a = org();
        b = org();
        c = org();
        d = org();
        reportOnA = report(a);
        report(a);
        report(b);
        reportOnC = report(c);
        assertThat(runInProcess()).as("creates the listeners and resyncs").isZero();
        assertThat(model.differences(qvarn.client())).as("converged before the crash").isEmpty();
        qvarn.server().stats().reset();
    }

    @AfterEach
    void tearDown() {
        qvarn.close();
    }

    @Test
    void shouldConvergeAfterAKillBetweenTheMapWritesAndTheReduce() throws Exception {
        for (int i = 0; i < 8; i++) {
            report(List.of(a, b, c, d).get(i % 4));
        }
        Process worker = startSlowWorker(500);

        killWhen(worker, () -> mapPosts() >= 16);

        await().atMost(Duration.ofSeconds(10)).until(() -> qvarn.rows("reports_counts__map").size() == 12);
        assertThat(reduceWrites()).as("killed before any reduce write").isZero();
        assertThat(notificationDeletes()).as("nothing acknowledged").isZero();
        finishAndCheck();
    }

    @Test
    void shouldConvergeAfterAKillBetweenTheReduceAndTheAcknowledgement() throws Exception {
        report(a);
        report(b);
        report(d);
        move(reportOnA, b);
        deleteReport(reportOnC);
        deleteOrg(d);
        qvarn.update("orgs", b, "{\"names\": [\"b, renamed\"]}");
        Process worker = startSlowWorker(500);

        killWhen(worker, () -> notificationDeletes() >= 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(model.differences(qvarn.client())).as("the reduce had finished").isEmpty());
        assertThat(pendingNotifications()).as("most notifications not yet deleted").isGreaterThanOrEqualTo(5);
        finishAndCheck();
    }

    @Test
    void shouldConvergeAfterAKillInTheMiddleOfABatch() throws Exception {
        String e = org();
        for (int i = 0; i < 6; i++) {
            report(List.of(a, b, c, e).get(i % 4));
        }
        move(reportOnA, c);
        move(reportOnC, e);
        deleteOrg(b);
        int notifications = pendingNotifications();
        Process worker = startSlowWorker(4);
        long[] writesWhenFirstBatchDone = {-1};

        killWhen(worker, () -> {
            if (writesWhenFirstBatchDone[0] < 0 && notificationDeletes() >= 4) {
                writesWhenFirstBatchDone[0] = mapWrites();
            }
            return writesWhenFirstBatchDone[0] >= 0 && mapWrites() > writesWhenFirstBatchDone[0];
        });

        assertThat(pendingNotifications()).as("a batch was done, and more are left").isBetween(1, notifications - 4);
        assertThat(model.differences(qvarn.client())).as("the work was not finished").isNotEmpty();
        finishAndCheck();
    }

    // --- the worker process

    private Process startSlowWorker(int batchSize) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        props.put("qvarn.threads", "2");
        props.put("qvarnmr.instance", INSTANCE);
        props.put("qvarnmr.keep-alive-timeout", "2");
        props.put("qvarnmr.keep-alive-update-interval", "1");
        props.put("qvarnmr.poll-interval", "50ms");
        props.put("qvarnmr.retry.delay", "50ms");
        props.put("qvarnmr.retry.max-delay", "200ms");
        props.put("qvarnmr.batch-size", String.valueOf(batchSize));
        props.put("qvarnmr.dead-letter-uri", "file:" + qvarn.workDir().resolve("dead-letters"));
        jar = new JarWorker(qvarn.workDir(), WorkerFixture.README_BINDINGS, props);
        qvarn.server().faults().latency(SLOW);
        return jar.startWorker("killed", true);
    }

    private JarWorker jar;

    /** Polls the request counters (not a sleep: a condition with a deadline) and sends SIGKILL when it holds. */
    private void killWhen(Process worker, BooleanSupplier point) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!point.getAsBoolean()) {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker ended before the kill point:\n" + jar.output("killed"));
            }
            if (System.nanoTime() > deadline) {
                JarWorker.kill(worker);
                throw new AssertionError("kill point not reached; requests: " + qvarn.server().stats().snapshot()
                        + "\n" + jar.output("killed"));
            }
            LockSupport.parkNanos(200_000);
        }
        JarWorker.kill(worker);
    }

    /** Restarts one-shot once the dead worker's ownership has timed out, then checks everything. */
    private void finishAndCheck() throws Exception {
        qvarn.server().faults().clear();
        JarWorker.Result restart = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        for (int attempt = 1; restart == null || restart.exitCode() == 1; attempt++) {
            assertThat(System.nanoTime()).as("restart within 40 s").isLessThan(deadline);
            await().atMost(Duration.ofSeconds(10)).until(this::ownershipTimedOut);
            restart = jar.run("restart-" + attempt, Duration.ofSeconds(60), jar.handlers.toString(),
                    "-c", jar.config.toString());
        }
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(model.differences(qvarn.client())).as("derived data after the restart").isEmpty();
        assertThat(pendingNotifications()).as("every notification processed").isZero();
        assertThat(qvarn.deadLetters()).as("no dead letters").isEmpty();
    }

    private boolean ownershipTimedOut() {
        for (ObjectNode record : qvarn.rows("qvarnmr_listeners")) {
            String owner = MrFields.text(record, "owner");
            String stamp = MrFields.text(record, "timestamp");
            if (INSTANCE.equals(MrFields.text(record, "instance")) && owner != null && !owner.isEmpty()
                    && stamp != null && LocalDateTime.parse(stamp).plus(Duration.ofMillis(2300))
                    .isAfter(LocalDateTime.now(ZoneOffset.UTC))) {
                return false;
            }
        }
        return true;
    }

    // --- data, kept in step with the model

    private int runInProcess() throws Exception {
        return qvarn.runOnce(WorkerFixture.README_BINDINGS, "qvarnmr.instance=" + INSTANCE);
    }

    private String org() throws Exception {
        String id = qvarn.create("orgs", "{\"names\": [\"org\"]}");
        model.orgs.add(id);
        return id;
    }

    private void deleteOrg(String id) {
        qvarn.delete("orgs", id);
        model.orgs.remove(id);
    }

    private String report(String org) throws Exception {
        String id = qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        model.reportOrg.put(id, org);
        return id;
    }

    private void move(String report, String org) throws Exception {
        qvarn.update("reports", report, "{\"org\": \"" + org + "\"}");
        model.reportOrg.put(report, org);
    }

    private void deleteReport(String id) {
        qvarn.delete("reports", id);
        model.reportOrg.remove(id);
    }

    private int pendingNotifications() {
        int pending = 0;
        for (ObjectNode record : qvarn.rows("qvarnmr_listeners")) {
            if (INSTANCE.equals(MrFields.text(record, "instance"))) {
                pending += qvarn.client().listNotificationIds(MrFields.text(record, "resource_type"),
                        MrFields.text(record, "listener_id")).size();
            }
        }
        return pending;
    }

    // --- request counters

    private long count(String method, String route) {
        return qvarn.server().stats().count(method, route);
    }

    private long mapPosts() {
        return count("POST", "/company_reports__map") + count("POST", "/reports_counts__map");
    }

    private long mapWrites() {
        return mapPosts() + count("PUT", "/company_reports__map/{id}") + count("PUT", "/reports_counts__map/{id}");
    }

    private long reduceWrites() {
        return count("POST", "/company_reports") + count("PUT", "/company_reports/{id}")
                + count("POST", "/reports_counts") + count("PUT", "/reports_counts/{id}");
    }

    private long notificationDeletes() {
        RequestStats stats = qvarn.server().stats();
        return stats.count("DELETE", "/orgs/listeners/{lid}/notifications/{nid}")
                + stats.count("DELETE", "/reports/listeners/{lid}/notifications/{nid}");
    }
}

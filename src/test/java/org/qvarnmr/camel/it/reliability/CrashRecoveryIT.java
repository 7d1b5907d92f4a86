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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.RequestStats;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A worker process ({@code java -jar ... -f}) is killed with SIGKILL at a chosen point of a batch: the
 * embedded Qvarn holds (does not perform) the first request past that point until the worker is dead, so
 * the kill lands there however slow the machine is; then a one-shot run of the jar finishes the work. Whatever the point, the derived data must equal a from-scratch
 * computation, with one map row per source, one reduce row per key, no row left marked
 * {@code _mr_deleted}, no notification left and no dead letter.
 */
class CrashRecoveryIT {
    private static final String INSTANCE = "crash";
    private static final String REDUCE_WRITE = "(POST|PUT|DELETE) /(company_reports|reports_counts)(/\\{id})?";
    private static final String MAP_WRITE = "(POST|PUT|DELETE) /(company_reports|reports_counts)__map(/\\{id})?";
    private static final String NOTIFICATION_DELETE = "DELETE /(orgs|reports)/listeners/\\{lid}/notifications/\\{nid}";

    private QvarnMrHarness qvarn;
    private DerivedModel model;
    private String a;
    private String b;
    private String c;
    private String d;
    private String reportOnA;
    private String reportOnC;

    @BeforeEach
    void setUp() throws Exception {
        qvarn = TestQvarn.builder().start();
        model = new DerivedModel();
        a = model.createOrg(qvarn.client());
        b = model.createOrg(qvarn.client());
        c = model.createOrg(qvarn.client());
        d = model.createOrg(qvarn.client());
        reportOnA = model.createReport(qvarn.client(), a);
        model.createReport(qvarn.client(), a);
        model.createReport(qvarn.client(), b);
        reportOnC = model.createReport(qvarn.client(), c);
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
            model.createReport(qvarn.client(), List.of(a, b, c, d).get(i % 4));
        }
        Map<String, ObjectNode> countsBefore = qvarn.derivedByKey("reports_counts");
        Process worker = startWorker(500);

        killAtTheFirst(worker, request -> request.matches(REDUCE_WRITE));

        assertThat(qvarn.derived("reports_counts__map")).as("every map write done").hasSize(12);
        assertThat(qvarn.derivedByKey("reports_counts")).as("killed before any reduce write").isEqualTo(countsBefore);
        assertThat(notificationDeletes()).as("nothing acknowledged").isZero();
        finishAndCheck();
    }

    @Test
    void shouldConvergeAfterAKillBetweenTheReduceAndTheAcknowledgement() throws Exception {
        model.createReport(qvarn.client(), a);
        model.createReport(qvarn.client(), b);
        model.createReport(qvarn.client(), d);
        model.moveReport(qvarn.client(), reportOnA, b);
        model.deleteReport(qvarn.client(), reportOnC);
        model.deleteOrg(qvarn.client(), d);
        qvarn.update("orgs", b, "{\"names\": [\"b, renamed\"]}");
        int notifications = DerivedModel.pending(qvarn.client(), INSTANCE);
        Process worker = startWorker(500);

        killAtTheFirst(worker, request -> request.matches(NOTIFICATION_DELETE));

        assertThat(model.differences(qvarn.client())).as("the reduce had finished").isEmpty();
        assertThat(DerivedModel.pending(qvarn.client(), INSTANCE)).as("no notification deleted").isEqualTo(notifications);
        finishAndCheck();
    }

    @Test
    void shouldConvergeAfterAKillInTheMiddleOfABatch() throws Exception {
        String e = model.createOrg(qvarn.client());
        for (int i = 0; i < 6; i++) {
            model.createReport(qvarn.client(), List.of(a, b, c, e).get(i % 4));
        }
        model.moveReport(qvarn.client(), reportOnA, c);
        model.moveReport(qvarn.client(), reportOnC, e);
        model.deleteOrg(qvarn.client(), b);
        int notifications = DerivedModel.pending(qvarn.client(), INSTANCE);
        Process worker = startWorker(4);

        // The first map write after the first batch's 4 acknowledgements: the second batch has begun.
        killAtTheFirst(worker, request -> request.matches(MAP_WRITE) && notificationDeletes() >= 4);

        assertThat(DerivedModel.pending(qvarn.client(), INSTANCE)).as("a batch was done, and more are left").isBetween(1, notifications - 4);
        assertThat(model.differences(qvarn.client())).as("the work was not finished").isNotEmpty();
        finishAndCheck();
    }

    @Test
    void shouldConvergeAfterAKillBetweenAnAnchoredInPlaceMoveAndTheReduce() throws Exception {
        anchoredMoveAndRemoval();
        Map<String, ObjectNode> countsBefore = qvarn.derivedByKey("reports_counts");
        Process worker = startWorker(500);

        killAtTheFirst(worker, request -> request.matches(REDUCE_WRITE));

        RequestStats stats = qvarn.server().stats();
        assertThat(stats.count("PUT", "/reports_counts__map/{id}")).as("the move, in place").isEqualTo(1);
        assertThat(stats.count("DELETE", "/reports_counts__map/{id}")).as("the removal, at once").isEqualTo(1);
        assertThat(stats.count("POST", "/reports_counts__map")).as("the two new reports only").isEqualTo(2);
        assertThat(qvarn.derivedByKey("reports_counts")).as("killed before any reduce write").isEqualTo(countsBefore);
        finishAndCheck();
    }

    @Test
    void shouldConvergeAfterAKillAtTheFirstInPlaceMove() throws Exception {
        anchoredMoveAndRemoval();
        Process worker = startWorker(500);

        killAtTheFirst(worker, request -> request.matches("PUT /(company_reports|reports_counts)__map/\\{id}"));

        assertThat(notificationDeletes()).as("nothing acknowledged").isZero();
        finishAndCheck();
    }

    /** A report leaves a and one leaves c, while a new report of each anchors its old key. */
    private void anchoredMoveAndRemoval() throws Exception {
        model.createReport(qvarn.client(), a);
        model.createReport(qvarn.client(), c);
        model.moveReport(qvarn.client(), reportOnA, b);
        model.deleteReport(qvarn.client(), reportOnC);
    }

    // --- the worker process

    private Process startWorker(int batchSize) throws Exception {
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
        props.put("qvarnmr.management.port", "0"); // -f turns the server on: a free port, never a fixed one
        props.put("qvarnmr.dead-letter-uri", "file:" + qvarn.workDir().resolve("dead-letters"));
        jar = new JarWorker(qvarn.workDir(), Bindings.README_BINDINGS, props);
        return jar.startWorker("killed", true);
    }

    private JarWorker jar;

    /**
     * Holds (unperformed) the first request {@code point} accepts ({@code "METHOD /route/template"}), waits
     * until the worker sends one, and sends SIGKILL while it waits for the answer: the kill lands exactly
     * there. The ceiling only guards against a hang.
     */
    private void killAtTheFirst(Process worker, Predicate<String> point) throws Exception {
        qvarn.server().faults().holdEvery(point);
        await().atMost(Duration.ofMinutes(3)).until(() -> qvarn.server().faults().held() > 0 || !worker.isAlive());
        if (!worker.isAlive()) {
            throw new AssertionError("the worker ended before the kill point:\n" + jar.output("killed"));
        }
        JarWorker.kill(worker);
    }

    /** Restarts one-shot once the dead worker's ownership has timed out, then checks everything. */
    private void finishAndCheck() throws Exception {
        qvarn.server().faults().clear(); // lets the held request go, unperformed
        JarWorker.Result restart = null;
        for (int attempt = 1; restart == null || restart.exitCode() == 1; attempt++) {
            assertThat(attempt).as("restarts refused as owned elsewhere").isLessThanOrEqualTo(10);
            await().atMost(Duration.ofMinutes(2)).until(this::ownershipTimedOut);
            restart = jar.run("restart-" + attempt, Duration.ofSeconds(60), jar.handlers.toString(),
                    "-c", jar.config.toString());
        }
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(model.differences(qvarn.client())).as("derived data after the restart").isEmpty();
        assertThat(DerivedModel.pending(qvarn.client(), INSTANCE)).as("every notification processed").isZero();
        assertThat(qvarn.deadLetters()).as("no dead letters").isEmpty();
    }

    private boolean ownershipTimedOut() {
        for (ObjectNode record : qvarn.derived("qvarnmr_listeners")) {
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
        return qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.instance=" + INSTANCE);
    }

    // --- request counters

    private long notificationDeletes() {
        RequestStats stats = qvarn.server().stats();
        return stats.count("DELETE", "/orgs/listeners/{lid}/notifications/{nid}")
                + stats.count("DELETE", "/reports/listeners/{lid}/notifications/{nid}");
    }
}

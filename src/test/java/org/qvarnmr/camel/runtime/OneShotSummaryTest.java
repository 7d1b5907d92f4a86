package org.qvarnmr.camel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * A one-shot run ends with one true summary line (resync included) and an exit code a scheduler can act
 * on: 4 when a change was dead-lettered or a resync step failed.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class OneShotSummaryTest {
    private static final String COUNTS = Bindings.COUNT_BINDINGS;
    private static final String MAP_FAILS = Bindings.MAP_FAILS_ON_BOOM;

    private QvarnMrHarness qvarn;

    @Test
    void shouldCountTheRowsAResyncWroteInTheSummaryLine() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"x\"}");
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"y\"}");

        assertThat(qvarn.bindingsYaml(COUNTS).runWorker()).isZero();

        // two map rows and one count, all written by the resync of a first start
        assertThat(qvarn.lastOutput().strip()).endsWith("one-shot run done: 0 changes processed, 3 derived rows "
                + "written, 0 dead letters, 0 resync failures");
    }

    @Test
    void shouldCountProcessedChanges() throws Exception {
        qvarn.bindingsYaml(COUNTS).runWorker();
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"x\"}");

        assertThat(qvarn.bindingsYaml(COUNTS).runWorker()).isZero();

        assertThat(qvarn.lastOutput().strip()).endsWith("one-shot run done: 1 change processed, 2 derived rows "
                + "written, 0 dead letters, 0 resync failures");
    }

    @Test
    void shouldExitFourAndSayWhereWhenAChangeWasDeadLettered() throws Exception {
        qvarn.bindingsYaml(MAP_FAILS).runWorker();
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"fine\"}");

        assertThat(qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=2")).isEqualTo(ExitCodes.NOT_ALL_DONE);

        assertThat(qvarn.lastOutput().strip()).endsWith("one-shot run done: 1 change processed, 2 derived rows "
                + "written, 1 dead letter (in " + qvarn.workDir().resolve("dead-letters")
                + "; replay them once the cause is fixed), 0 resync failures");
    }

    @Test
    void shouldExitFourWhenAResyncStepFailed() throws Exception {
        // A reduce handler failing on a key; a source whose map fails is dead-lettered instead (guarantees 4).
        qvarn.create("reports", "{\"org\": \"x\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"fine\"}");

        assertThat(qvarn.bindingsYaml(COUNTS.replace("handler: count",
                "handler: {class: org.qvarnmr.camel.it.handlers.FailOnKeyX}")).runWorker()).isEqualTo(ExitCodes.NOT_ALL_DONE);

        assertThat(qvarn.lastOutput().strip()).endsWith("0 dead letters, 1 resync failure (retried at the next "
                + "start; the log names them)");
    }
}

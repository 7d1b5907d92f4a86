package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.Listeners;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * A change that keeps failing ends up in exactly one dead letter, never in the void: its notifications go
 * only once its letter is written, a redelivered acknowledgement writes no second letter, and a resync
 * records no version past a source whose letter could not be written.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class DeadLetterTest {
    private static final String NOTIFICATION = "/reports/listeners/{lid}/notifications/{nid}";
    /** A dead-letter endpoint that refuses every letter at once (no consumer, and it does not wait for one). */
    private static final String NO_LETTERS = "qvarnmr.dead-letter-uri=direct:nowhere?block=false";

    private QvarnMrHarness qvarn;

    /**
     * The only change of the pass is dead-lettered, so the first notification DELETE is the one right after
     * its letter; it fails once and the acknowledgement is redelivered: still one letter.
     */
    @Test
    void shouldWriteOneLetterWhenTheAcknowledgementRightAfterItIsRedelivered() throws Exception {
        qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker();
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.server().stats().reset();
        qvarn.server().faults().failMatching("DELETE", NOTIFICATION, 0, 1, 500);

        assertThat(qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker("qvarnmr.retry.max-attempts=2")).isEqualTo(ExitCodes.NOT_ALL_DONE);

        assertThat(qvarn.server().faults().injected()).as("the DELETE after the letter failed once").isEqualTo(1);
        assertThat(qvarn.server().stats().count("DELETE", NOTIFICATION)).as("failed, then redelivered").isEqualTo(2);
        assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.get("resourceId").asText()).isEqualTo(boom);
            assertThat(letter.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(pendingReports()).isEmpty();
    }

    @Test
    void shouldKeepTheNotificationsOfAChangeWhoseLetterCannotBeWritten() throws Exception {
        qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker();
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");

        boolean failed;
        try {
            failed = qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker("qvarnmr.retry.max-attempts=1", NO_LETTERS) != ExitCodes.OK;
        } catch (Exception notWritten) {
            failed = true; // how the run ends is the dead-letter folder checks' business; here: nothing is lost
        }

        assertThat(failed).as("a run that could not write a letter does not end as done").isTrue();
        assertThat(pendingReports()).as("the change waits in Qvarn, not in the void").hasSize(1);
        assertThat(qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker("qvarnmr.retry.max-attempts=1")).isEqualTo(ExitCodes.NOT_ALL_DONE);
        assertThat(qvarn.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.get("resourceId").asText()).isEqualTo(boom));
        assertThat(pendingReports()).isEmpty();
    }

    /** The resync's counterpart: a source it dead-letters lets it record the version only once the letter is written. */
    @Test
    void shouldNotRecordAResyncVersionPastASourceWhoseLetterCannotBeWritten() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        String boom = qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"boom\"}");

        assertThat(qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker(NO_LETTERS)).isEqualTo(ExitCodes.NOT_ALL_DONE);

        // One rule for a pass's letter and a resync's: the route catches the failure, the health goes DOWN and a
        // one-shot run stops there, so no version is recorded by this run (the map's waits for the source).
        assertThat(qvarn.lastOutput()).contains("dead letters cannot be written to direct:nowhere",
                "0 dead letters, 1 resync failure");
        assertThat(qvarn.derived("qvarnmr_handlers")).as("no version recorded past the unwritten letter").isEmpty();
        assertThat(qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker()).as("the next start resyncs again, and letters it")
                .isEqualTo(ExitCodes.NOT_ALL_DONE);
        assertThat(qvarn.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.get("resourceId").asText()).isEqualTo(boom));
        assertThat(qvarn.derived("qvarnmr_handlers")).hasSize(2);
    }

    private List<String> pendingReports() {
        return Listeners.pending(qvarn, "reports");
    }
}

package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** A failing handler is retried, then dead-lettered (never silently dropped), and holds back nothing else. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class HandlerFailureTest {
    private static final String MAP_FAILS = Bindings.MAP_FAILS_ON_BOOM;
    private static final String REDUCE_FAILS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.FailOnKeyX}}
            """;

    private QvarnMrHarness qvarn;

    @Test
    void shouldDeadLetterAChangeWhoseMapHandlerKeepsFailingAndProcessTheOthers() throws Exception {
        qvarn.bindingsYaml(MAP_FAILS).runWorker(); // listeners first: these are live changes, not a resync
        String bad = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"fine\"}");

        assertThat(qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=3")).isEqualTo(ExitCodes.NOT_ALL_DONE);

        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("b");
        assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.get("sourceType").asText()).isEqualTo("reports");
            assertThat(letter.get("resourceId").asText()).isEqualTo(bad);
            assertThat(letter.get("attempts").asInt()).isEqualTo(3);
            assertThat(letter.get("error").asText()).contains("cannot map a boom report")
                    .contains("reports_counts__map").contains(bad);
            assertThat(letter.get("notifications")).hasSize(1);
        });
    }

    @Test
    void shouldKeepThePreviousResultsWhenTheMapHandlerFailsOnAnUpdate() throws Exception {
        String r = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        qvarn.bindingsYaml(MAP_FAILS).runWorker();

        qvarn.update("reports", r, "{\"org\": \"b\", \"report_type\": \"boom\"}");
        qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=2");

        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("a");
        ObjectNode mapRow = qvarn.derived("reports_counts__map").get(0);
        assertThat(mapRow.get("_mr_key").asText()).isEqualTo("a");
        assertThat(qvarn.deadLetters()).hasSize(1);
    }

    @Test
    void shouldDeadLetterTheChangesOfAKeyWhoseReduceKeepsFailing() throws Exception {
        qvarn.bindingsYaml(REDUCE_FAILS).runWorker();
        qvarn.create("reports", "{\"org\": \"x\"}");
        qvarn.create("reports", "{\"org\": \"y\"}");

        assertThat(qvarn.bindingsYaml(REDUCE_FAILS).runWorker("qvarnmr.retry.max-attempts=2")).isEqualTo(ExitCodes.NOT_ALL_DONE);

        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("y");
        assertThat(qvarn.deadLetters()).singleElement()
                .satisfies(l -> assertThat(l.get("error").asText()).contains("cannot reduce x").contains("'x'"));
        assertThat(qvarn.derived("reports_counts__map")).as("the map rows stay: the data is not lost").hasSize(2);
    }

    @Test
    void shouldSurvivePassingServerErrors() throws Exception {
        qvarn.bindingsYaml(MAP_FAILS).runWorker();
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"fine\"}");
        // Aimed at the pass's map-row writes: failNext would be used up by the start-up checks, never reaching one.
        qvarn.server().faults().failMatching("POST", "/reports_counts__map", 0, 3, 503);

        // No redeliveries: each 503 reaches the settlement, which must count it as an outage, not an attempt.
        assertThat(qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=1", "qvarnmr.retry.redeliveries=0")).isZero();

        assertThat(qvarn.server().faults().injected()).isEqualTo(3);
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("a", "b");
        assertThat(qvarn.deadLetters()).isEmpty();
    }
}

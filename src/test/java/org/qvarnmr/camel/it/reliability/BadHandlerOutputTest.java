package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * Handler output the engine or Qvarn cannot store goes to the dead-letter endpoint after its attempts, with
 * a message that names the handler, the resource and what is wrong; it is never retried forever and never
 * holds back the other changes. (A handler that throws: it/HandlerFailureTest.)
 */
class BadHandlerOutputTest {
    /** A key no URL can carry: 200,000 characters (a front proxy answered it 414). */
    private static final String LONG_KEY = "k".repeat(200_000);

    @Test
    void shouldDeadLetterANonScalarKeyNamingTargetSourceAndResource() throws Exception {
        String bindings = """
                org_names__map:
                  orgs: {type: map, version: 1, handler: item(names)}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start(TypeYaml.derived("org_names__map", false))) {
            qvarn.bindingsYaml(bindings).runWorker();
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\", \"Acme Oy\"]}");

            assertThat(qvarn.bindingsYaml(bindings).runWorker("qvarnmr.retry.max-attempts=2")).isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(org);
                assertThat(letter.get("attempts").asInt()).isEqualTo(2);
                assertThat(letter.get("error").asText()).contains("target 'org_names__map', source 'orgs'",
                        "returned a key that is not a scalar (ARRAY)", "for resource " + org);
            });
            assertThat(qvarn.derived("org_names__map")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterFieldsTheTargetTypeLacksAtOnceNamingTheBindingTheTypeAndTheFields() throws Exception {
        String bindings = """
                reports_counts__map:
                  reports: {type: map, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.WholeResource}}
                """;
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            qvarn.bindingsYaml(bindings).runWorker();
            String report = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"x\"}");
            qvarn.server().stats().reset();

            assertThat(qvarn.bindingsYaml(bindings).runWorker("qvarnmr.retry.max-attempts=3")).isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(report);
                assertThat(letter.get("attempts").asInt()).isEqualTo(1);
                assertThat(letter.get("error").asText())
                        .contains("test-handlers.yaml:2: map handler class(org.qvarnmr.camel.it.handlers.WholeResource)")
                        .contains("Qvarn refused to write resource type 'reports_counts__map': the type has no field(s) ")
                        .contains("org", "report_type", "400 UnknownKeys", "POST /reports_counts__map");
            });
            assertThat(qvarn.server().stats().count("POST", "/reports_counts__map"))
                    .as("one write: a 400 is neither redelivered nor retried").isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseAKeyTooLongForAUrlAtMapTimeShowingOnlyItsStartAndLength() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker();
            String report = qvarn.create("reports", "{\"org\": \"" + LONG_KEY + "\"}");
            qvarn.create("reports", "{\"org\": \"b\"}");

            assertThat(qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker("qvarnmr.retry.max-attempts=1"))
                    .isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(report);
                assertThat(letter.get("error").asText()).contains("test-handlers.yaml:2: map handler item(key=org) "
                        + "for target 'reports_counts__map', source 'reports' returned a key of 200000 characters ('"
                        + "k".repeat(40) + "...', 200000 bytes in a URL) for resource " + report,
                        "a key may take at most 4096 bytes in a URL").hasSizeLessThan(1_000);
            });
            assertThat(qvarn.derived("reports_counts__map")).singleElement()
                    .satisfies(row -> assertThat(row.get("_mr_key").asText()).isEqualTo("b"));
            assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("b");
        }
    }

    /**
     * A source its handler can never map, met by a resync: it goes to a dead letter and the version is
     * recorded all the same, so later starts do not resync again and exit 0 (replay maps it once fixed).
     */
    @Test
    void shouldDeadLetterASourceTheResyncCanNeverMapAndStillRecordTheVersion() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            String report = qvarn.create("reports", "{\"org\": \"" + LONG_KEY + "\"}");
            qvarn.create("reports", "{\"org\": \"b\"}");

            assertThat(qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker()).as("the first start resyncs the existing reports")
                    .isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.lastOutput()).contains("1 dead letter", "0 resync failures");
            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(report);
                assertThat(letter.get("sourceType").asText()).isEqualTo("reports");
                assertThat(letter.get("error").asText()).contains("resync of reports_counts__map <- reports (version 1)",
                        "returned a key of 200000 characters").hasSizeLessThan(1_000);
            });
            assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("b");
            assertThat(qvarn.derived("qvarnmr_handlers")).as("both handlers' versions recorded").hasSize(2);
            assertThat(qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker()).as("a later start has nothing left to do").isZero();
            assertThat(qvarn.deadLetters()).hasSize(1);
        }
    }
}

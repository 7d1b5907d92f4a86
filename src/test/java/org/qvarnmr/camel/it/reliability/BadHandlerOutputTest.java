package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * Handler output the engine or Qvarn cannot store goes to the dead-letter endpoint after its attempts, with
 * a message that names the handler, the resource and what is wrong; it is never retried forever and never
 * holds back the other changes. (A handler that throws: it/HandlerFailureTest.)
 */
class BadHandlerOutputTest {
    @Test
    void shouldDeadLetterANonScalarKeyNamingTargetSourceAndResource() throws Exception {
        String bindings = """
                org_names__map:
                  orgs: {type: map, version: 1, handler: item(names)}
                """;
        try (WorkerFixture qvarn = WorkerFixture.start(WorkerFixture.derivedType("org_names__map", false))) {
            qvarn.runOnce(bindings);
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\", \"Acme Oy\"]}");

            assertThat(qvarn.runOnce(bindings, "qvarnmr.retry.max-attempts=2")).isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(org);
                assertThat(letter.get("attempts").asInt()).isEqualTo(2);
                assertThat(letter.get("error").asText()).contains("target 'org_names__map', source 'orgs'",
                        "returned a key that is not a scalar (ARRAY)", "for resource " + org);
            });
            assertThat(qvarn.rows("org_names__map")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterFieldsTheTargetTypeLacksNamingTheTypeAndTheFields() throws Exception {
        String bindings = """
                reports_counts__map:
                  reports: {type: map, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.WholeResource}}
                """;
        try (WorkerFixture qvarn = WorkerFixture.start()) {
            qvarn.runOnce(bindings);
            String report = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"x\"}");
            qvarn.server().stats().reset();

            assertThat(qvarn.runOnce(bindings, "qvarnmr.retry.max-attempts=3")).isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(report);
                assertThat(letter.get("attempts").asInt()).isEqualTo(3);
                assertThat(letter.get("error").asText())
                        .contains("Qvarn refused to write resource type 'reports_counts__map': the type has no field(s) ")
                        .contains("org", "report_type", "400 UnknownKeys", "POST /reports_counts__map");
            });
            assertThat(qvarn.server().stats().count("POST", "/reports_counts__map"))
                    .as("one write per attempt: a 400 is not redelivered, and not retried forever").isEqualTo(3);
        }
    }
}

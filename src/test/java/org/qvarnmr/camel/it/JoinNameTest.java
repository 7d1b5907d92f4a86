package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * Issue 18, reproduction 3, end to end: a join keyed by the path {@code orgs} instead of the type {@code org}
 * used to copy nothing, write {@code org_id: null} for every org and exit 0. The worker has no type files, so
 * it learns each source's type from the resources the join reads; once it knows that no source is of type
 * {@code orgs}, the reduce fails like any handler error (retried, then dead-lettered, exit 4) naming the
 * binding's file:line and the type meant, and no row with a null is written.
 */
class JoinNameTest {
    private static final String JOIN_BY_PATH = WorkerFixture.README_BINDINGS.replace("org:    {id: org_id}",
            "orgs:   {id: org_id}");

    @Test
    void shouldDeadLetterAJoinKeyedByThePathNamingTheBindingAndWriteNoNulls() throws Exception {
        assertThat(JOIN_BY_PATH).contains("orgs:   {id: org_id}");
        try (WorkerFixture qvarn = WorkerFixture.start()) {
            qvarn.runOnce(JOIN_BY_PATH);
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");

            int exit = qvarn.runOnce(JOIN_BY_PATH, "qvarnmr.retry.max-attempts=1");

            assertThat(exit).as("dead-lettered changes end a one-shot run with 4").isEqualTo(ExitCodes.NOT_ALL_DONE);
            assertThat(qvarn.deadLetters()).isNotEmpty().allSatisfy(letter -> assertThat(letter.get("error").asText())
                    .contains("test-handlers.yaml:5: reduce handler join({orgs: {id: org_id}, report: {id: "
                            + "report_id}}) for target 'company_reports', source 'company_reports__map' failed on "
                            + "key '" + org + "': join name 'orgs' names no source type of 'company_reports__map'; "
                            + "its sources are /orgs (type 'org'), /reports (type 'report'); did you mean 'org' (the "
                            + "type of path /orgs)? A join names resource types, not paths"));
            assertThat(qvarn.rows("company_reports")).as("no reduce row, so no org_id: null").isEmpty();
            assertThat(qvarn.byKey("reports_counts").get(org).get("_mr_value").asInt())
                    .as("the other bindings go on").isEqualTo(1);
        }
    }
}

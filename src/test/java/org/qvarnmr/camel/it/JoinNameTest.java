package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.StartupChecks;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * Issue 18, reproduction 3, end to end: a join keyed by the path {@code orgs} instead of the type {@code org}
 * used to copy nothing, write {@code org_id: null} for every org and exit 0. The worker has no type files;
 * Qvarn's resources say each source's type. When the sources have resources at start-up, the worker stops
 * there (exit 2) before writing anything; when they come later, the join learns their types as it reads them
 * and the reduce fails like any handler error (retried, then dead-lettered) naming the binding's file:line
 * and the type meant. Either way no row with a null is written.
 */
class JoinNameTest {
    private static final String JOIN_BY_PATH = Bindings.README_BINDINGS.replace("org:    {id: org_id}",
            "orgs:   {id: org_id}");
    private static final String PROBLEM = "test-handlers.yaml:5: reduce handler join({orgs: {id: org_id}, report: "
            + "{id: report_id}}) for target 'company_reports', source 'company_reports__map'";
    private static final String MEANT = "join name 'orgs' names no source type of 'company_reports__map'; its "
            + "sources are /orgs (type 'org'), /reports (type 'report'); did you mean 'org' (the type of path "
            + "/orgs)? A join names resource types, not paths";

    @Test
    void shouldRefuseAtStartUpAJoinKeyedByThePathWhenItsSourcesHaveResources() throws Exception {
        assertThat(JOIN_BY_PATH).contains("orgs:   {id: org_id}");
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");

            assertThatThrownBy(() -> qvarn.bindingsYaml(JOIN_BY_PATH).runWorker())
                    .isInstanceOf(StartupChecks.Failed.class)
                    .hasMessageStartingWith("A join names a type that no source of its map target has, as one "
                            + "resource of each source at " + qvarn.server().baseUrl())
                    .hasMessageContaining("\n  " + PROBLEM + ": " + MEANT + "\n")
                    .satisfies(e -> assertThat(((StartupChecks.Failed) e).refused()).as("exit 2").isFalse());
            assertThat(qvarn.derived("qvarnmr_listeners")).as("nothing written").isEmpty();
            assertThat(qvarn.derived("company_reports")).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterAJoinKeyedByThePathOnceItReadsItsSourcesNamingTheBindingAndWriteNoNulls() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start();
             QvarnMrHarness.RunningWorker worker = qvarn.bindingsYaml(JOIN_BY_PATH).startWorker("qvarnmr.retry.max-attempts=1")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derived("qvarnmr_listeners").size() == 2
                    && qvarn.derived("qvarnmr_listeners").stream().allMatch(r -> r.get("owner").isTextual()));
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(qvarn.deadLetters())
                    .singleElement().satisfies(letter -> assertThat(letter.get("error").asText())
                            .as("the orgs are of type 'org', so 'orgs' is their path")
                            .isEqualTo(PROBLEM + " failed on key '" + org + "': " + MEANT.replace(
                                    "/reports (type 'report')", "/reports (type not known yet)"))));
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(qvarn.deadLetters()).hasSize(2).anySatisfy(letter -> assertThat(
                        letter.get("error").asText()).isEqualTo(PROBLEM + " failed on key '" + org + "': " + MEANT));
                assertThat(qvarn.derivedByKey("reports_counts").get(org).get("_mr_value").asInt())
                        .as("the other bindings go on").isEqualTo(1);
            });
            assertThat(qvarn.derived("company_reports")).as("no reduce row, so no org_id: null").isEmpty();
        }
    }
}

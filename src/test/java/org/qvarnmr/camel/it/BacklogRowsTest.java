package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * A backlog of "created" notifications pending when the worker starts: an earlier run may have written
 * some of their rows before it stopped. The worker finds those rows under the keys the unchanged sources
 * emit (one read per key, not one search per source) and writes no duplicate; a source changed since its
 * creation is looked up by source, since its old rows may sit under another key.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class BacklogRowsTest {
    private static final String COUNTS = Bindings.COUNT_BINDINGS;

    private QvarnMrHarness qvarn;

    @Test
    void shouldNotDuplicateRowsAnInterruptedRunWroteForPendingCreatedSources() throws Exception {
        assertThat(qvarn.bindingsYaml(COUNTS).runWorker()).isZero();
        String done = qvarn.create("reports", "{\"org\": \"a\"}");
        String other = qvarn.create("reports", "{\"org\": \"a\"}");
        String moved = qvarn.create("reports", "{\"org\": \"a\"}");
        // What an earlier run wrote before it stopped: rows for two of them, from their created state
        leftRow(done, "a");
        leftRow(moved, "a");
        qvarn.update("reports", moved, "{\"org\": \"b\"}");

        assertThat(qvarn.bindingsYaml(COUNTS).runWorker()).isZero();

        List<ObjectNode> rows = qvarn.derived("reports_counts__map");
        assertThat(rows).extracting(r -> MrFields.text(r, MrFields.SOURCE_ID))
                .containsExactlyInAnyOrder(done, other, moved);
        assertThat(qvarn.derivedByKey("reports_counts").get("a").get(MrFields.VALUE).asInt()).isEqualTo(2);
        assertThat(qvarn.derivedByKey("reports_counts").get("b").get(MrFields.VALUE).asInt()).isEqualTo(1);
    }

    private void leftRow(String reportId, String org) throws Exception {
        qvarn.create("reports_counts__map", "{\"_mr_key\": \"" + org + "\", \"_mr_source_id\": \"" + reportId
                + "\", \"_mr_source_type\": \"reports\", \"_mr_version\": 1, \"_mr_deleted\": false}");
    }
}

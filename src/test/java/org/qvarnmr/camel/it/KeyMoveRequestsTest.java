package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.RequestStats;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * What a source leaving a key costs in map-row requests, counted by the embedded Qvarn. When another change
 * of the same batch holds a row under the old key (an anchor: it is acknowledged only after that key is
 * reduced), the row moves in place with one PUT, and a removed source's row goes with one DELETE. Without
 * an anchor the old row is marked and the new content created, and the reduce deletes the marked row.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class KeyMoveRequestsTest {
    private static final String[] MAP_TARGETS = {"/reports_counts__map", "/company_reports__map"};

    private QvarnMrHarness qvarn;

    private String moved;
    private String staying;
    private String removed;

    private void twoReportsOfA() throws Exception {
        moved = qvarn.create("reports", "{\"org\": \"a\"}");
        staying = qvarn.create("reports", "{\"org\": \"a\"}");
        removed = qvarn.create("reports", "{\"org\": \"a\"}");
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();
        qvarn.server().stats().reset();
    }

    @Test
    void shouldMoveARowInPlaceWithOnePutWhenAnotherChangeOfTheBatchAnchorsTheOldKey() throws Exception {
        twoReportsOfA();
        qvarn.update("reports", staying, "{\"org\": \"a\"}"); // a new revision, the same rows: it anchors a
        qvarn.update("reports", moved, "{\"org\": \"b\"}");

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();

        assertMapRowRequests(0, 1, 0);
        assertCounts(2, 1);
        assertThat(sourceIdsUnder("reports_counts__map", "b")).containsExactly(moved);
    }

    @Test
    void shouldMoveAChainInPlaceWhenTheNextKeyIsAnchoredOnlyByARowAnEarlierWaveMoved() throws Exception {
        String staying = qvarn.create("reports", "{\"org\": \"a\"}");
        String first = qvarn.create("reports", "{\"org\": \"a\"}");
        String second = qvarn.create("reports", "{\"org\": \"b\"}");
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();
        qvarn.server().stats().reset();
        qvarn.update("reports", staying, "{\"org\": \"a\"}"); // anchors a
        qvarn.update("reports", first, "{\"org\": \"b\"}");   // a -> b, anchored by staying
        qvarn.update("reports", second, "{\"org\": \"c\"}");  // b -> c, anchored only once first is in b

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();

        assertMapRowRequests(0, 2, 0);
        for (String key : new String[] {"a", "b", "c"}) {
            assertThat(qvarn.derivedByKey("reports_counts").get(key).get(MrFields.VALUE).asInt()).as(key).isEqualTo(1);
        }
        assertThat(sourceIdsUnder("reports_counts__map", "b")).containsExactly(first);
        assertThat(sourceIdsUnder("reports_counts__map", "c")).containsExactly(second);
    }

    @Test
    void shouldDeleteARemovedSourcesRowAtOnceWhenAnotherChangeOfTheBatchAnchorsItsKey() throws Exception {
        twoReportsOfA();
        qvarn.update("reports", staying, "{\"org\": \"a\"}");
        qvarn.delete("reports", removed);

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();

        assertMapRowRequests(0, 0, 1);
        assertCounts(2, 0);
    }

    @Test
    void shouldCreateAndMarkWhenNothingElseInTheBatchAnchorsTheOldKey() throws Exception {
        twoReportsOfA();
        qvarn.update("reports", moved, "{\"org\": \"b\"}");

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();

        assertMapRowRequests(1, 1, 1); // the new row, the mark, the reduce's delete of the marked row
        assertCounts(2, 1);
    }

    /** The requests each map target received since the reset. */
    private void assertMapRowRequests(int posts, int puts, int deletes) {
        RequestStats stats = qvarn.server().stats();
        for (String target : MAP_TARGETS) {
            assertThat(stats.count("POST", target)).as("POST " + target).isEqualTo(posts);
            assertThat(stats.count("PUT", target + "/{id}")).as("PUT " + target).isEqualTo(puts);
            assertThat(stats.count("DELETE", target + "/{id}")).as("DELETE " + target).isEqualTo(deletes);
        }
    }

    private void assertCounts(int a, int b) {
        assertThat(qvarn.derivedByKey("reports_counts").get("a").get(MrFields.VALUE).asInt()).isEqualTo(a);
        if (b == 0) {
            assertThat(qvarn.derivedByKey("reports_counts")).doesNotContainKey("b");
        } else {
            assertThat(qvarn.derivedByKey("reports_counts").get("b").get(MrFields.VALUE).asInt()).isEqualTo(b);
        }
        assertThat(qvarn.derived("reports_counts__map")).as("no row left marked")
                .noneMatch(r -> r.path(MrFields.DELETED).asBoolean());
    }

    private List<String> sourceIdsUnder(String type, String key) {
        return qvarn.derived(type).stream().filter(r -> key.equals(MrFields.text(r, MrFields.KEY)))
                .map((ObjectNode r) -> MrFields.text(r, MrFields.SOURCE_ID)).toList();
    }
}

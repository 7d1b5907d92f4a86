package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A store this worker did not write alone (another writer's crash, a hand edit, the original): a reduce
 * never creates a second row for a key, and a key it touches that holds duplicates ends with exactly one.
 */
class InheritedStoreTest {
    private static final String TOTALS = TypeYaml.derived("invoice_totals", true, "_mr_value: 0");
    private static final String TOTALS_MAP = TypeYaml.derived("invoice_totals__map", false, "_mr_value: 0");
    private static final String SUMS = """
            invoice_totals__map:
              invoices: {type: map, version: 1, handler: "item(org, amount)"}
            invoice_totals:
              invoice_totals__map: {type: reduce, version: 1, handler: sum, map: value}
            """;

    final QvarnMrHarness qvarn = TestQvarn.perTest(Bindings.INVOICES_TYPE, TOTALS, TOTALS_MAP);

    @AfterEach
    void closeQvarn() {
        qvarn.close();
    }

    private List<ObjectNode> totalsOf(String key) {
        return qvarn.derived("invoice_totals").stream().filter(r -> key.equals(MrFields.text(r, MrFields.KEY))).toList();
    }

    @Test
    void shouldNotCreateAThirdReduceRowForAKeyWithTwoReduceRowsAndNoMapRows() throws Exception {
        assertThat(qvarn.bindingsYaml(SUMS).runWorker()).isZero(); // listeners and versions; nothing to do yet
        // Two rows for k9, no map row: left by another writer's crash, a hand edit or the original.
        qvarn.create("invoice_totals", "{\"_mr_key\": \"k9\", \"_mr_value\": 40, \"_mr_version\": 1, \"_mr_timestamp\": 1}");
        qvarn.create("invoice_totals", "{\"_mr_key\": \"k9\", \"_mr_value\": 41, \"_mr_version\": 1, \"_mr_timestamp\": 2}");
        qvarn.create("invoices", "{\"org\": \"k9\", \"amount\": 5}");

        assertThat(qvarn.bindingsYaml(SUMS).runWorker()).isZero();

        assertThat(totalsOf("k9")).as("the reduce rows of k9").singleElement()
                .satisfies(row -> assertThat(row.get(MrFields.VALUE).asInt()).isEqualTo(5));
    }

    @Test
    void shouldReadTheKeyAgainAndStillWriteOneRowWhenAnUpdateMeetsAConflict() throws Exception {
        qvarn.create("invoices", "{\"org\": \"k1\", \"amount\": 5}");
        assertThat(qvarn.bindingsYaml(SUMS).runWorker()).isZero();
        qvarn.create("invoices", "{\"org\": \"k1\", \"amount\": 7}");
        // another writer changed the row between the worker's read and its update
        qvarn.server().faults().failMatching("PUT", "/invoice_totals/{id}", 0, 1, 409);
        qvarn.server().stats().reset();

        assertThat(qvarn.bindingsYaml(SUMS).runWorker()).isZero();

        assertThat(qvarn.server().stats().count("PUT", "/invoice_totals/{id}")).as("refused, then done").isEqualTo(2);
        assertThat(totalsOf("k1")).singleElement()
                .satisfies(row -> assertThat(row.get(MrFields.VALUE).asInt()).isEqualTo(12));
    }
}

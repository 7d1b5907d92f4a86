package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.RequestStats;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * A resync's reduce walk reads its reduce target once in pages instead of searching each key's reduce
 * rows, counted by the embedded Qvarn; the results stay those of a computation from scratch.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class ResyncReduceRowsTest {
    private static final int PAGE = 4;
    /** The start-up check's probe that a reduce target exists (a search by an id no row has). */
    private static final int PROBE = 1;

    private QvarnMrHarness qvarn;

    /** Reports per org, written before any worker ran: {@code orgs} orgs with 1..3 reports each. */
    private Map<String, Integer> existingReports(int orgs) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int o = 0; o < orgs; o++) {
            String org = qvarn.create("orgs", "{\"names\": [\"org " + o + "\"]}");
            for (int r = 0; r <= o % 3; r++) {
                qvarn.create("reports", "{\"org\": \"" + org + "\"}");
            }
            counts.put(org, o % 3 + 1);
        }
        return counts;
    }

    private Map<String, Integer> reportCounts() {
        return qvarn.derivedByKey("reports_counts").entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().get(MrFields.VALUE).asInt(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void shouldSendNoReduceRowSearchPerKeyOnAFirstStartResync() throws Exception {
        Map<String, Integer> expected = existingReports(10);
        qvarn.server().stats().reset();

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.page-size=" + PAGE)).isZero();

        RequestStats stats = qvarn.server().stats();
        // Both reduce targets are empty: one listing page each, where every key searched its rows before.
        assertThat(stats.count("GET", "/reports_counts/search")).as("reports_counts searches")
                .isLessThanOrEqualTo(PROBE + 1);
        assertThat(stats.count("GET", "/company_reports/search")).as("company_reports searches")
                .isLessThanOrEqualTo(PROBE + 1);
        assertThat(reportCounts()).isEqualTo(expected);
        assertThat(qvarn.derivedByKey("company_reports").keySet()).isEqualTo(expected.keySet());
    }

    @Test
    void shouldReduceStaleAndDuplicateReduceRowsListedBeforeTheResyncToOneRightRow() throws Exception {
        Map<String, Integer> expected = existingReports(9);
        String[] orgs = expected.keySet().toArray(String[]::new);
        // A stale row for one key, two rows (the newer one stale too) for another: written behind the worker.
        qvarn.create("reports_counts", "{\"_mr_key\": \"" + orgs[0] + "\", \"_mr_value\": 99, \"_mr_version\": 1, "
                + "\"_mr_timestamp\": 5}");
        qvarn.create("reports_counts", "{\"_mr_key\": \"" + orgs[1] + "\", \"_mr_value\": 98, \"_mr_version\": 1, "
                + "\"_mr_timestamp\": 1}");
        qvarn.create("reports_counts", "{\"_mr_key\": \"" + orgs[1] + "\", \"_mr_value\": 97, \"_mr_version\": 1, "
                + "\"_mr_timestamp\": 2}");
        qvarn.server().stats().reset();

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.page-size=2")).isZero();

        // Three rows in pages of two: two listing pages, no search per key.
        assertThat(qvarn.server().stats().count("GET", "/reports_counts/search")).isLessThanOrEqualTo(PROBE + 2);
        assertThat(qvarn.derived("reports_counts")).as("one row per key").hasSize(expected.size());
        assertThat(reportCounts()).isEqualTo(expected);
    }

    @Test
    void shouldSearchEachKeyWhenTheReduceTargetDoesNotFitTheCache() throws Exception {
        Map<String, Integer> expected = existingReports(6);
        String[] orgs = expected.keySet().toArray(String[]::new);
        for (int i = 0; i < 2; i++) {
            qvarn.create("reports_counts", "{\"_mr_key\": \"" + orgs[0] + "\", \"_mr_value\": 9" + i
                    + ", \"_mr_version\": 1, \"_mr_timestamp\": " + i + "}");
        }
        qvarn.server().stats().reset();

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarnmr.page-size=" + PAGE,
                "qvarnmr.cache-size=1")).isZero();

        // The listing stops at its first page (two rows, more than the cache holds); then one search per key.
        assertThat(qvarn.server().stats().count("GET", "/reports_counts/search"))
                .isGreaterThanOrEqualTo(1 + expected.size());
        assertThat(reportCounts()).isEqualTo(expected);
    }
}

package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.server.RequestStats;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * A batch that changes many sources that already have map rows: their rows are read by listing each map target
 * in pages, not by one search per source and target, and the derived data is the same as with the searches
 * (issue 22's mixed backlog: key moves, value changes, deletes). A batch of a few changes still searches
 * ({@code KeyMoveRequestsTest}).
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no", "qvarnmr.page-size=25"})
class OldRowsListingTest {
    private static final String[] ORGS = {"a", "b", "c"};
    private static final int REPORTS = 60;

    private QvarnMrHarness qvarn;

    @Test
    void shouldListTheMapTargetsInsteadOfSearchingEachChangedSource() throws Exception {
        List<String> reports = new ArrayList<>();
        Map<String, String> orgOf = new HashMap<>();
        for (int i = 0; i < REPORTS; i++) {
            String org = ORGS[i % ORGS.length];
            String id = qvarn.create("reports", "{\"org\": \"" + org + "\"}");
            reports.add(id);
            orgOf.put(id, org);
        }
        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();
        qvarn.server().stats().reset();

        for (int i = 0; i < REPORTS; i++) {
            String id = reports.get(i);
            if (i % 6 == 5) {
                qvarn.delete("reports", id);
                orgOf.remove(id);
            } else {
                String org = i % 2 == 0 ? ORGS[(i + 1) % ORGS.length] : orgOf.get(id); // a move or a value change
                qvarn.update("reports", id, "{\"org\": \"" + org + "\", \"report_type\": \"changed\"}");
                orgOf.put(id, org);
            }
        }

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker()).isZero();

        RequestStats stats = qvarn.server().stats();
        for (String target : new String[] {"/reports_counts__map", "/company_reports__map"}) {
            // 60 rows in pages of 25 (3 reads), each of the 3 keys' rows read once for its reduce, and the 2
            // searches of a start-up: 8. Without the listing, 60 more: one per changed report.
            assertThat(stats.count("GET", target + "/search")).as(target + " searches").isLessThanOrEqualTo(3 + 3 + 2);
        }
        Map<String, Integer> expected = new HashMap<>();
        orgOf.values().forEach(org -> expected.merge(org, 1, Integer::sum));
        for (String org : ORGS) {
            assertThat(qvarn.derivedByKey("reports_counts").get(org).get(MrFields.VALUE).asInt()).as(org)
                    .isEqualTo(expected.get(org));
        }
        assertThat(qvarn.derived("reports_counts__map")).hasSize(orgOf.size())
                .allSatisfy(row -> assertThat(MrFields.text(row, MrFields.KEY))
                        .isEqualTo(orgOf.get(MrFields.text(row, MrFields.SOURCE_ID))))
                .noneMatch(row -> row.path(MrFields.DELETED).asBoolean());
        assertThat(qvarn.derived("company_reports__map")).hasSize(orgOf.size());
    }
}

package org.qvarnmr.camel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.Search;

/**
 * Compares the derived data in Qvarn with a from-scratch map/reduce of what the workload wrote:
 * {@code reports_counts} has one row per org with reports, holding their number; {@code company_reports}
 * has one row per org (every org exists and every report names an existing org) joining the org and one
 * of its reports; each map target has exactly one live row per source resource with the right key, and
 * no row marked {@code _mr_deleted} is left. Rows are read in pages, so a large run is never held in memory.
 */
final class DerivedDataCheck {
    static final int PAGE = 1000;
    private static final int MAX_SHOWN = 10;

    private final QvarnClient client;
    private final Workload workload;
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private Set<String> orgs = Set.of();

    /** The outcome: rows read and the first few problems (all are counted). */
    record Result(long rowsRead, int problemCount, List<String> problems) {
        boolean passed() {
            return problemCount == 0;
        }
    }

    DerivedDataCheck(QvarnClient client, Workload workload) {
        this.client = client;
        this.workload = workload;
    }

    Result run() {
        orgs = new HashSet<>(workload.orgIds());
        Map<String, Integer> expectedCounts = new HashMap<>();
        workload.reportOrg().values().forEach(org -> expectedCounts.merge(org, 1, Integer::sum));
        long rows = 0;

        Map<String, Integer> seenCounts = new HashMap<>();
        rows += each("reports_counts", row -> {
            String key = MrFields.text(row, MrFields.KEY);
            JsonNode value = row.get(MrFields.VALUE);
            if (seenCounts.put(key, value == null ? -1 : value.asInt(-1)) != null) {
                problem("reports_counts: two rows for key " + key);
            }
        });
        expectedCounts.forEach((org, n) -> {
            Integer seen = seenCounts.remove(org);
            if (seen == null || seen.intValue() != n) {
                problem("reports_counts[" + org + "] is " + seen + ", expected " + n);
            }
        });
        seenCounts.keySet().forEach(key -> problem("reports_counts has a row for " + key + ", which has no reports"));

        Set<String> joinKeys = new HashSet<>(orgs);
        joinKeys.addAll(workload.reportOrg().values());
        Set<String> seenJoin = new HashSet<>();
        rows += each("company_reports", row -> {
            String key = MrFields.text(row, MrFields.KEY);
            if (!seenJoin.add(key)) {
                problem("company_reports: two rows for key " + key);
            }
            if (!joinKeys.contains(key)) {
                problem("company_reports has a row for " + key + ", which is neither an org nor named by a report");
                return;
            }
            String orgId = MrFields.text(row, "org_id");
            if (!(orgs.contains(key) ? key.equals(orgId) : orgId == null)) {
                problem("company_reports[" + key + "].org_id is " + orgId);
            }
            String reportId = MrFields.text(row, "report_id");
            boolean hasReports = expectedCounts.containsKey(key);
            if (hasReports ? !key.equals(workload.reportOrg().get(reportId)) : reportId != null) {
                problem("company_reports[" + key + "].report_id is " + reportId
                        + (hasReports ? ", not a report of this org" : ", but the org has no reports"));
            }
        });
        joinKeys.removeAll(seenJoin);
        joinKeys.forEach(key -> problem("company_reports has no row for " + key));

        rows += checkMapRows("company_reports__map", true);
        rows += checkMapRows("reports_counts__map", false);
        return new Result(rows, problemCount, List.copyOf(problems));
    }

    /** One live row per source resource (orgs too when {@code withOrgs}), keyed by the org. */
    private long checkMapRows(String type, boolean withOrgs) {
        Set<String> seen = new HashSet<>();
        long rows = each(type, row -> {
            String sourceId = MrFields.text(row, MrFields.SOURCE_ID);
            String sourceType = MrFields.text(row, MrFields.SOURCE_TYPE);
            String key = MrFields.text(row, MrFields.KEY);
            if (QvarnValues.isTrue(row.get(MrFields.DELETED))) {
                problem(type + ": row " + row.get("id").asText() + " is still marked _mr_deleted");
                return;
            }
            String expectedKey = "reports".equals(sourceType) ? workload.reportOrg().get(sourceId)
                    : withOrgs && "orgs".equals(sourceType) && orgs.contains(sourceId) ? sourceId : null;
            if (expectedKey == null) {
                problem(type + ": row for unknown source " + sourceType + "/" + sourceId);
            } else if (!expectedKey.equals(key)) {
                problem(type + ": row of " + sourceType + "/" + sourceId + " has key " + key + ", expected " + expectedKey);
            }
            if (!seen.add(sourceType + "/" + sourceId)) {
                problem(type + ": two rows for " + sourceType + "/" + sourceId);
            }
        });
        int expected = workload.reportOrg().size() + (withOrgs ? workload.orgIds().size() : 0);
        if (seen.size() != expected) {
            problem(type + ": rows for " + seen.size() + " sources, expected " + expected);
        }
        return rows;
    }

    /** Reads every row of {@code type} in pages sorted by id; returns how many. */
    private long each(String type, Consumer<ObjectNode> check) {
        long n = 0;
        String lastId = null;
        while (true) {
            Search search = Search.on(type);
            if (lastId != null) {
                search = search.gt("id", lastId);
            }
            List<ObjectNode> page = client.search(search.showAll().sort("id").limit(PAGE));
            for (ObjectNode row : page) {
                check.accept(row);
            }
            n += page.size();
            if (page.size() < PAGE) {
                return n;
            }
            lastId = page.get(page.size() - 1).get("id").asText();
        }
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < MAX_SHOWN) {
            problems.add(text);
        }
    }
}

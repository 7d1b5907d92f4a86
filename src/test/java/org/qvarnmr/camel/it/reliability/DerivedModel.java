package org.qvarnmr.camel.it.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * What the README bindings ({@code company_reports} join, {@code reports_counts} count) must hold for a
 * set of orgs and reports, computed from scratch, and every way the stored derived data differs from it:
 * wrong counts or joins, a reduce key twice, a map row twice, a row left marked {@code _mr_deleted}.
 */
final class DerivedModel {
    final Set<String> orgs = ConcurrentHashMap.newKeySet();
    final Map<String, String> reportOrg = new ConcurrentHashMap<>();

    /** Creates an org in Qvarn and in the model. */
    String createOrg(WorkerFixture qvarn) throws Exception {
        String id = qvarn.create("orgs", "{\"names\": [\"org\"]}");
        orgs.add(id);
        return id;
    }

    void deleteOrg(WorkerFixture qvarn, String id) {
        qvarn.delete("orgs", id);
        orgs.remove(id);
    }

    /** Creates a report of {@code org} in Qvarn and in the model. */
    String createReport(WorkerFixture qvarn, String org) throws Exception {
        String id = qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        reportOrg.put(id, org);
        return id;
    }

    void moveReport(WorkerFixture qvarn, String report, String org) throws Exception {
        qvarn.update("reports", report, "{\"org\": \"" + org + "\"}");
        reportOrg.put(report, org);
    }

    void deleteReport(WorkerFixture qvarn, String id) {
        qvarn.delete("reports", id);
        reportOrg.remove(id);
    }

    /** Notifications waiting on the listeners of {@code instance} (null: of every instance). */
    static int pending(WorkerFixture qvarn, String instance) {
        int pending = 0;
        for (ObjectNode record : qvarn.rows("qvarnmr_listeners")) {
            if (instance == null || instance.equals(MrFields.text(record, "instance"))) {
                pending += qvarn.client().listNotificationIds(MrFields.text(record, "resource_type"),
                        MrFields.text(record, "listener_id")).size();
            }
        }
        return pending;
    }

    /** Empty when the derived data is exactly right. */
    List<String> differences(QvarnClient qvarn) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> expectedCounts = new TreeMap<>();
        reportOrg.values().forEach(org -> expectedCounts.merge(org, 1, Integer::sum));
        Map<String, Integer> counts = new TreeMap<>();
        byKey(qvarn, "reports_counts", problems).forEach((k, row) -> counts.put(k, row.path("_mr_value").asInt()));
        if (!counts.equals(expectedCounts)) {
            problems.add("reports_counts " + diff(expectedCounts, counts));
        }

        Set<String> joinKeys = new HashSet<>(orgs);
        joinKeys.addAll(reportOrg.values());
        Map<String, ObjectNode> joined = byKey(qvarn, "company_reports", problems);
        if (!joined.keySet().equals(joinKeys)) {
            problems.add("company_reports keys: " + diff(joinKeys, joined.keySet()));
        }
        joined.forEach((key, row) -> {
            String orgId = MrFields.text(row, "org_id");
            if (!Objects.equals(orgId, orgs.contains(key) ? key : null)) {
                problems.add("company_reports[" + key + "].org_id is " + orgId);
            }
            String report = MrFields.text(row, "report_id");
            boolean hasReports = reportOrg.containsValue(key);
            if (hasReports ? report == null || !key.equals(reportOrg.get(report)) : report != null) {
                problems.add("company_reports[" + key + "].report_id is " + report);
            }
        });

        Map<String, String> expectedReportRows = new HashMap<>(reportOrg);
        mapRows(qvarn, "reports_counts__map", expectedReportRows, problems);
        Map<String, String> expectedJoinRows = new HashMap<>(reportOrg);
        orgs.forEach(o -> expectedJoinRows.put(o, o));
        mapRows(qvarn, "company_reports__map", expectedJoinRows, problems);
        return problems;
    }

    /** One live row per source id, keyed as expected; none marked deleted. */
    private static void mapRows(QvarnClient qvarn, String type, Map<String, String> expectedKeyBySource,
                                List<String> problems) {
        Map<String, String> keyBySource = new HashMap<>();
        for (ObjectNode row : qvarn.search(Search.on(type).showAll())) {
            String source = MrFields.text(row, MrFields.SOURCE_ID);
            if (QvarnValues.isTrue(row.get(MrFields.DELETED))) {
                problems.add(type + ": row of " + source + " left marked _mr_deleted");
            }
            if (keyBySource.put(source, MrFields.text(row, MrFields.KEY)) != null) {
                problems.add(type + ": two rows for source " + source);
            }
        }
        if (!keyBySource.equals(expectedKeyBySource)) {
            problems.add(type + " rows (source -> key): " + diff(expectedKeyBySource.entrySet(), keyBySource.entrySet()));
        }
    }

    private static Map<String, ObjectNode> byKey(QvarnClient qvarn, String type, List<String> problems) {
        Map<String, ObjectNode> byKey = new HashMap<>();
        for (ObjectNode row : qvarn.search(Search.on(type).showAll())) {
            if (byKey.put(MrFields.text(row, MrFields.KEY), row) != null) {
                problems.add(type + ": two rows for key " + MrFields.text(row, MrFields.KEY));
            }
        }
        return byKey;
    }

    private static String diff(Object expected, Object actual) {
        if (expected instanceof Set<?> e && actual instanceof Set<?> a) {
            Set<Object> missing = new HashSet<>(e);
            missing.removeAll(a);
            Set<Object> extra = new HashSet<>(a);
            extra.removeAll(e);
            return "missing " + abbreviate(missing) + ", unexpected " + abbreviate(extra);
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            return diff(new HashSet<Object>(e.entrySet()), new HashSet<Object>(a.entrySet()));
        }
        return "expected " + expected + ", found " + actual;
    }

    private static String abbreviate(Set<Object> items) {
        List<Object> shown = items.stream().limit(5).toList();
        return items.size() <= 5 ? shown.toString() : shown + " and " + (items.size() - 5) + " more";
    }
}

package org.qvarnmr.camel.it.reliability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * The one from-scratch oracle of the end-to-end tests: what the README bindings ({@code company_reports}
 * join, {@code reports_counts} count), and with {@link #withCountries()} the {@code org_countries} count of
 * orgs by country, must hold for a set of orgs and reports, and every way the stored derived data differs
 * from it: wrong counts or joins, a reduce key twice, a map row twice or under the wrong key, a row left
 * marked {@code _mr_deleted}. The tests change the sources through it, so it knows what they hold.
 */
public final class DerivedModel {
    /** The bindings {@link #withCountries()} checks besides the README's: orgs counted by country. */
    public static final String COUNTRY_BINDINGS = """
            org_countries__map:
              orgs: {type: map, version: 1, handler: {item: {key: country}}}
            org_countries:
              org_countries__map: {type: reduce, version: 1, handler: count}
            """;

    final Set<String> orgs = ConcurrentHashMap.newKeySet();
    final Map<String, String> reportOrg = new ConcurrentHashMap<>();
    /** Each org's country; kept only by a model {@link #withCountries()}. */
    private final Map<String, String> orgCountry = new ConcurrentHashMap<>();
    private final boolean countries;

    /** A model of the README bindings. */
    public DerivedModel() {
        this(false);
    }

    private DerivedModel(boolean countries) {
        this.countries = countries;
    }

    /** A model of the README bindings and {@link #COUNTRY_BINDINGS}; every org has a country. */
    public static DerivedModel withCountries() {
        return new DerivedModel(true);
    }

    /** The ids of the orgs, in no order. */
    public List<String> orgs() {
        return new ArrayList<>(orgs);
    }

    /** The ids of the reports, in no order. */
    public List<String> reports() {
        return new ArrayList<>(reportOrg.keySet());
    }

    /** Creates an org in Qvarn and in the model. */
    public String createOrg(QvarnClient qvarn) {
        ObjectNode org = JsonNodeFactory.instance.objectNode();
        org.putArray("names").add("org");
        String id = qvarn.create("orgs", org).get("id").asText();
        orgs.add(id);
        return id;
    }

    /** Creates an org of {@code country} in Qvarn and in the model. */
    public String createOrg(QvarnClient qvarn, String country) {
        String id = qvarn.create("orgs", object("country", country)).get("id").asText();
        orgs.add(id);
        orgCountry.put(id, country);
        return id;
    }

    /** Replaces the org's fields by its {@code country}. */
    public void moveOrg(QvarnClient qvarn, String org, String country) {
        qvarn.update("orgs", org, object("country", country));
        orgCountry.put(org, country);
    }

    public void deleteOrg(QvarnClient qvarn, String id) {
        qvarn.delete("orgs", id);
        orgs.remove(id);
        orgCountry.remove(id);
    }

    /** Creates a report of {@code org} in Qvarn and in the model. */
    public String createReport(QvarnClient qvarn, String org) {
        String id = qvarn.create("reports", object("org", org)).get("id").asText();
        reportOrg.put(id, org);
        return id;
    }

    public void moveReport(QvarnClient qvarn, String report, String org) {
        qvarn.update("reports", report, object("org", org));
        reportOrg.put(report, org);
    }

    public void deleteReport(QvarnClient qvarn, String id) {
        qvarn.delete("reports", id);
        reportOrg.remove(id);
    }

    /** Notifications waiting on the listeners of {@code instance} (null: of every instance). */
    public static int pending(QvarnClient qvarn, String instance) {
        int pending = 0;
        for (ObjectNode record : qvarn.search(Search.on("qvarnmr_listeners").showAll())) {
            if (instance == null || instance.equals(MrFields.text(record, "instance"))) {
                pending += qvarn.listNotificationIds(MrFields.text(record, "resource_type"),
                        MrFields.text(record, "listener_id")).size();
            }
        }
        return pending;
    }

    /**
     * The requests so far that wrote a derived row (POST, PUT, DELETE on a map or reduce type of these
     * bindings), with their counts: equal before and after a run that must write nothing.
     */
    public static Map<String, Long> derivedWrites(EmbeddedQvarn server) {
        Map<String, Long> writes = new TreeMap<>();
        server.stats().snapshot().forEach((request, n) -> {
            if (request.matches("(POST|PUT|DELETE) /(company_reports|reports_counts|org_countries)\\S*")) {
                writes.put(request, n);
            }
        });
        return writes;
    }

    /** Empty when the derived data is exactly right. */
    public List<String> differences(QvarnClient qvarn) {
        List<String> problems = new ArrayList<>();
        counts(qvarn, "reports_counts", reportOrg, problems);

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
        if (countries) {
            counts(qvarn, "org_countries", orgCountry, problems);
            mapRows(qvarn, "org_countries__map", new HashMap<>(orgCountry), problems);
        }
        return problems;
    }

    /** A count reduce: one row per key, its value how many sources have that key. */
    private static void counts(QvarnClient qvarn, String type, Map<String, String> keyBySource,
                               List<String> problems) {
        Map<String, Integer> expected = new TreeMap<>();
        keyBySource.values().forEach(key -> expected.merge(key, 1, Integer::sum));
        Map<String, Integer> counts = new TreeMap<>();
        byKey(qvarn, type, problems).forEach((k, row) -> counts.put(k, row.path("_mr_value").asInt()));
        if (!counts.equals(expected)) {
            problems.add(type + " " + diff(expected, counts));
        }
    }

    private static ObjectNode object(String field, String value) {
        return JsonNodeFactory.instance.objectNode().put(field, value);
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

package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LRUCacheFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.qvarn.client.QvarnUnavailableException;
import org.qvarnmr.camel.qvarn.client.QvarnValues;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * Correct from any starting state. A seeded, stateful random test on the README bindings: it starts from
 * a store this worker wrote (CLEAN) or from an arbitrary one another writer left (INHERITED: stale and
 * duplicate reduce rows, reduce rows without map rows, map rows of other versions, wrong keys, duplicates,
 * orphans whose source is gone, rows left marked {@code _mr_deleted}, the original's state records and
 * map-target listener), then runs random source changes mixed with version bumps (some to a handler that
 * fails on some sources), rollbacks, and resyncs that fail part-way or are cut short (the embedded server's
 * fault injection). After every worker run no key of a reduce target holds more rows than before it (no
 * duplicate is ever created); at the end, after one run on the final bindings (and, for an INHERITED store,
 * one reconciliation), the store equals a from-scratch computation ({@link DerivedModel}) with every row at
 * its handler's final version. The seed and the steps taken are in every failure message.
 */
class AnyStartingStateTest {
    private static final String BOOM = "{class: org.qvarnmr.camel.it.handlers.FailOnBoom}";
    private static final String ITEM_ORG = "{item: {key: org}}";
    private static final String[] REDUCE_TARGETS = {"company_reports", "reports_counts"};
    private static final String[] RUN = {"qvarnmr.page-size=3", "qvarnmr.keep-alive-timeout=1",
            "qvarnmr.keep-alive-update-interval=0.5", "qvarnmr.retry.max-attempts=2", "qvarnmr.retry.delay=10ms"};

    enum Start { CLEAN, INHERITED }

    /** The handler versions of the README bindings; a reports map handler may be the failing FailOnBoom. */
    private record Versions(int orgsJoin, int reportsJoin, boolean reportsJoinBooms, int join, int reportsCount,
                            boolean reportsCountBooms, int count) {
        static final Versions FIRST = new Versions(1, 1, false, 1, 1, false, 1);

        String yaml() {
            return "company_reports__map:\n"
                    + "  orgs:    {type: map, version: " + orgsJoin + ", handler: {item: {key: id}}}\n"
                    + "  reports: {type: map, version: " + reportsJoin + ", handler: "
                    + (reportsJoinBooms ? BOOM : ITEM_ORG) + "}\n"
                    + "company_reports:\n"
                    + "  company_reports__map: {type: reduce, version: " + join
                    + ", handler: {join: {org: {id: org_id}, report: {id: report_id}}}}\n"
                    + "reports_counts__map:\n"
                    + "  reports: {type: map, version: " + reportsCount + ", handler: "
                    + (reportsCountBooms ? BOOM : ITEM_ORG) + "}\n"
                    + "reports_counts:\n"
                    + "  reports_counts__map: {type: reduce, version: " + count + ", handler: count}\n";
        }

        int max() {
            return Math.max(Math.max(orgsJoin, reportsJoin), Math.max(Math.max(join, reportsCount), count));
        }

        /** One handler at a new version; a reports map handler maybe one that fails on boom reports. */
        Versions bump(Random random) {
            int v = max() + 1;
            boolean booms = random.nextBoolean();
            return switch (random.nextInt(5)) {
                case 0 -> new Versions(v, reportsJoin, reportsJoinBooms, join, reportsCount, reportsCountBooms, count);
                case 1 -> new Versions(orgsJoin, v, booms, join, reportsCount, reportsCountBooms, count);
                case 2 -> new Versions(orgsJoin, reportsJoin, reportsJoinBooms, v, reportsCount, reportsCountBooms, count);
                case 3 -> new Versions(orgsJoin, reportsJoin, reportsJoinBooms, join, v, booms, count);
                default -> new Versions(orgsJoin, reportsJoin, reportsJoinBooms, join, reportsCount, reportsCountBooms, v);
            };
        }

        /** The map target and source of the map handler whose version differs from {@code other}'s, if one does. */
        String[] mapChangedFrom(Versions other) {
            if (orgsJoin != other.orgsJoin) {
                return new String[] {"company_reports__map", "orgs"};
            }
            if (reportsJoin != other.reportsJoin) {
                return new String[] {"company_reports__map", "reports"};
            }
            return reportsCount != other.reportsCount ? new String[] {"reports_counts__map", "reports"} : null;
        }

        /** Whatever fails on boom reports replaced by the plain handler at a new version. */
        Versions healed() {
            int v = max() + 1;
            return new Versions(orgsJoin, reportsJoinBooms ? v : reportsJoin, false, join,
                    reportsCountBooms ? v : reportsCount, false, count);
        }
    }

    /** The model's sources in the order they were made, so that the seed alone decides what is picked. */
    private static final class Sources {
        final DerivedModel model = new DerivedModel();
        private final List<String> orgs = new ArrayList<>();
        private final List<String> reports = new ArrayList<>();

        List<String> orgs() {
            return orgs.stream().filter(model.orgs::contains).toList();
        }

        List<String> reports() {
            return reports.stream().filter(model.reportOrg::containsKey).toList();
        }

        void createOrg(QvarnMrHarness qvarn) throws Exception {
            orgs.add(model.createOrg(qvarn.client()));
        }

        /** A report; some of type boom, on which FailOnBoom fails. */
        void createReport(QvarnMrHarness qvarn, Random random) {
            createReport(qvarn, pick(orgs(), random), random.nextInt(5) == 0 ? "boom" : "plain");
        }

        void createReport(QvarnMrHarness qvarn, String org, String type) {
            String id = qvarn.create("reports", "{\"org\": \"" + org + "\", \"report_type\": \"" + type + "\"}");
            model.reportOrg.put(id, org);
            reports.add(id);
        }
    }

    @ParameterizedTest(name = "{0} store, seed {1}")
    @CsvSource({"INHERITED, 1", "INHERITED, 20261205", "CLEAN, 5"})
    void shouldConvergeFromAnyStartingStateThroughAnyVersionSequence(Start start, long seed) throws Exception {
        Random random = new Random(seed);
        List<String> story = new ArrayList<>();
        Sources sources = new Sources();
        DerivedModel model = sources.model;
        try (QvarnMrHarness qvarn = TestQvarn.builder().start()) {
            Deque<Versions> history = new ArrayDeque<>();
            Versions versions = Versions.FIRST;
            if (start == Start.CLEAN) {
                sources(qvarn, sources, random);
                check(qvarn.bindingsYaml(versions.yaml()).runWorker(RUN) == ExitCodes.OK, "the first run exits 0");
                story.add("a store this worker wrote");
            } else {
                inheritedStore(qvarn, sources, random, story);
            }
            for (int step = 0; step < 8; step++) {
                Map<String, Integer> before = reduceRowsPerKey(qvarn);
                Versions was = versions;
                int kind = random.nextInt(10);
                if (kind < 4 || history.isEmpty() && kind < 6) {
                    history.push(versions);
                    versions = versions.bump(random);
                    story.add("bump to " + versions);
                } else if (kind < 6) {
                    versions = history.pop();
                    story.add("roll back to " + versions);
                } else {
                    story.add("source changes");
                }
                changes(qvarn, sources, random, 1 + random.nextInt(4), story);
                run(qvarn, versions, versions.mapChangedFrom(was), random, story);
                List<String> duplicates = newDuplicates(before, reduceRowsPerKey(qvarn));
                check(duplicates.isEmpty(), "no new duplicate reduce row: " + duplicates);
            }
            qvarn.server().faults().clear();
            versions = versions.healed();
            story.add("final run on " + versions);
            check(qvarn.bindingsYaml(versions.yaml()).runWorker(RUN) == ExitCodes.OK, "the final run exits 0");
            if (start == Start.CLEAN) {
                // however the versions went, a store this worker wrote is right after one run that finished
                checkFromScratch(qvarn, model, versions);
            }
            // A key the worker reduces ends right whatever the store held: one reduce row, no map row of
            // another version left under it (no resync is due now, so none may wait for one).
            List<String> orgs = sources.orgs();
            orgs.forEach(org -> sources.createReport(qvarn, org, "plain"));
            story.add("a report for every org");
            check(qvarn.bindingsYaml(versions.yaml()).runWorker(RUN) == ExitCodes.OK, "the run after it exits 0");
            List<String> touched = touchedKeysWrong(qvarn, versions, orgs);
            check(touched.isEmpty(), "every key it reduced holds one reduce row and its map rows are at "
                    + "their handlers' versions: " + touched);
            if (start == Start.INHERITED) {
                reconcile(qvarn, versions.yaml());
                story.add("reconciliation");
            }
            checkFromScratch(qvarn, model, versions);
            System.out.println("ANY-STATE seed " + seed + " (" + start + "): " + String.join("; ", story));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (" + start + "): " + e.getMessage() + "\nsteps: "
                    + String.join("; ", story), e);
        }
    }

    private static void checkFromScratch(QvarnMrHarness qvarn, DerivedModel model, Versions versions) {
        List<String> problems = new ArrayList<>(model.differences(qvarn.client()));
        problems.addAll(wrongVersions(qvarn, versions));
        check(problems.isEmpty(), "equal to a from-scratch computation: " + problems);
        check(DerivedModel.pending(qvarn.client(), null) == 0, "nothing pending");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            fail(what);
        }
    }

    /**
     * One one-shot run, maybe with a resync that fails part-way or is cut short: more often so when a map
     * handler's version just changed ({@code bumped}: its target and source), whose resync the faults hit.
     */
    private static void run(QvarnMrHarness qvarn, Versions versions, String[] bumped, Random random,
                            List<String> story) throws Exception {
        int fault = random.nextInt(bumped == null ? 6 : 3);
        String target = bumped != null ? bumped[0] : random.nextBoolean() ? "company_reports__map" : "reports_counts__map";
        String source = bumped != null ? bumped[1] : "reports";
        if (fault == 0) {
            qvarn.server().faults().failMatching("PUT", "/" + target + "/{id}", random.nextInt(3), 1 + random.nextInt(3), 503);
            story.add("  map-row PUTs of " + target + " fail");
        } else if (fault == 1) {
            // Past the start-up probe, every search of the source after the first few fails: a resync walking
            // it is cut short (the run gives up); a run without one is not disturbed.
            qvarn.server().faults().failMatching("GET", "/" + source + "/search", 1 + random.nextInt(3), 1_000_000, 503);
            story.add("  a resync of " + source + " is cut short");
        }
        try {
            int exit = qvarn.bindingsYaml(versions.yaml()).runWorker(RUN);
            story.add("  exit " + exit);
            check(exit == ExitCodes.OK || exit == ExitCodes.NOT_ALL_DONE, "exit 0 or 4, got " + exit);
        } catch (QvarnUnavailableException e) {
            story.add("  gave up: Qvarn unavailable");
            check(fault == 1, "a run gives up only when the resync is cut short: " + e.getMessage());
        } finally {
            qvarn.server().faults().clear();
        }
    }

    private static void sources(QvarnMrHarness qvarn, Sources sources, Random random) throws Exception {
        for (int i = 0; i < 3 + random.nextInt(3); i++) {
            sources.createOrg(qvarn);
        }
        for (int i = 0; i < 6 + random.nextInt(5); i++) {
            sources.createReport(qvarn, random);
        }
    }

    private static void changes(QvarnMrHarness qvarn, Sources sources, Random random, int n, List<String> story)
            throws Exception {
        DerivedModel model = sources.model;
        for (int i = 0; i < n; i++) {
            List<String> reports = sources.reports();
            int kind = random.nextInt(10);
            if (kind < 3 || reports.isEmpty()) {
                sources.createReport(qvarn, random);
                story.add("  create a report");
            } else if (kind < 6) {
                model.moveReport(qvarn.client(), pick(reports, random), pick(sources.orgs(), random));
                story.add("  move a report");
            } else if (kind < 8) {
                model.deleteReport(qvarn.client(), pick(reports, random));
                story.add("  delete a report");
            } else if (kind < 9 || sources.orgs().size() < 3) {
                sources.createOrg(qvarn);
                story.add("  create an org");
            } else {
                model.deleteOrg(qvarn.client(), pick(sources.orgs(), random));
                story.add("  delete an org");
            }
        }
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    /**
     * What another writer may leave: the original's listeners and version records (its listeners created after
     * the sources, so their changes were processed), maybe its map-target listener with pending notifications,
     * and derived rows of every wrong kind.
     */
    private static void inheritedStore(QvarnMrHarness qvarn, Sources sources, Random random, List<String> story)
            throws Exception {
        DerivedModel model = sources.model;
        sources(qvarn, sources, random);
        List<String> orgs = sources.orgs();
        String gone = qvarn.create("reports", "{\"org\": \"" + pick(orgs, random) + "\"}");
        qvarn.delete("reports", gone);
        for (String type : new String[] {"orgs", "reports"}) {
            listenerOf(qvarn, type);
        }
        if (random.nextBoolean()) {
            listenerOf(qvarn, "reports_counts__map"); // notified of the map rows written below
            story.add("the original's map-target listener");
        }
        for (String[] h : new String[][] {{"company_reports__map", "orgs"}, {"company_reports__map", "reports"},
                {"company_reports", "company_reports__map"}, {"reports_counts__map", "reports"},
                {"reports_counts", "reports_counts__map"}}) {
            qvarn.create("qvarnmr_handlers", "{\"instance\": \"it\", \"target\": \"" + h[0] + "\", \"source\": \""
                    + h[1] + "\", \"version\": 1}");
        }
        for (String org : orgs) {
            mapRows(qvarn, random, "company_reports__map", "orgs", org, org, orgs);
        }
        for (String report : sources.reports()) {
            String org = model.reportOrg.get(report);
            mapRows(qvarn, random, "company_reports__map", "reports", report, org, orgs);
            mapRows(qvarn, random, "reports_counts__map", "reports", report, org, orgs);
        }
        String orphanKey = pick(orgs, random);
        mapRow(qvarn, "company_reports__map", "reports", gone, orphanKey, 1, false);
        mapRow(qvarn, "reports_counts__map", "reports", gone, orphanKey, 1, false);

        Map<String, Integer> counts = new TreeMap<>();
        model.reportOrg.values().forEach(o -> counts.merge(o, 1, Integer::sum));
        for (String org : orgs) {
            int count = counts.getOrDefault(org, 0);
            // an org without reports: the original's stale count after a key move, or nothing
            reduceRows(qvarn, random, "reports_counts", org, count == 0 ? 1 : count, count == 0 ? 1 : 6);
            String report = sources.reports().stream().filter(r -> org.equals(model.reportOrg.get(r)))
                    .findFirst().orElse(null);
            reduceRows(qvarn, random, "company_reports", org, report, 10);
        }
        reduceRow(qvarn, "reports_counts", "nobody", 3, 1, 1);
        story.add("an inherited store");
    }

    private static void listenerOf(QvarnMrHarness qvarn, String type) {
        ObjectNode listener = JsonNodeFactory.instance.objectNode().put("notify_of_new", true).put("listen_on_all", true);
        String id = qvarn.client().createListener(type, listener).get("id").asText();
        qvarn.create("qvarnmr_listeners", "{\"instance\": \"it\", \"resource_type\": \"" + type
                + "\", \"listener_id\": \"" + id + "\", \"owner\": null, \"timestamp\": null}");
    }

    /** The map rows of one source: right, missing, under a wrong key, of another version, twice, or marked. */
    private static void mapRows(QvarnMrHarness qvarn, Random random, String target, String sourceType, String source,
                                String key, List<String> orgs) {
        int shape = random.nextInt(20);
        if (shape < 13) {
            mapRow(qvarn, target, sourceType, source, key, 1, false);
        } else if (shape == 14) {
            mapRow(qvarn, target, sourceType, source, pick(orgs, random), 1, false);
        } else if (shape == 15) {
            mapRow(qvarn, target, sourceType, source, key, random.nextBoolean() ? 0 : 2, false);
        } else if (shape == 16) {
            mapRow(qvarn, target, sourceType, source, key, 1, false);
            mapRow(qvarn, target, sourceType, source, key, 1, false);
        } else if (shape == 17) {
            mapRow(qvarn, target, sourceType, source, pick(orgs, random), 1, true);
            mapRow(qvarn, target, sourceType, source, key, 1, false);
        } else if (shape == 18) {
            mapRow(qvarn, target, sourceType, source, key, 1, true);
        } // else: missing
    }

    private static void mapRow(QvarnMrHarness qvarn, String target, String sourceType, String source, String key,
                               int version, boolean marked) {
        qvarn.create(target, "{\"_mr_key\": \"" + key + "\", \"_mr_value\": null, \"_mr_source_id\": \"" + source
                + "\", \"_mr_source_type\": \"" + sourceType + "\", \"_mr_version\": " + version
                + ", \"_mr_deleted\": " + marked + "}");
    }

    /** The reduce rows of one key: right, stale, of another version, two or three of them, or none. */
    private static void reduceRows(QvarnMrHarness qvarn, Random random, String target, String key, Object right,
                                   int staleValue) {
        int shape = random.nextInt(10);
        Object value = shape < 6 ? right : shape == 6 ? staleValue : right;
        if (shape == 9) {
            return;
        }
        int copies = shape == 8 ? 2 + random.nextInt(2) : 1;
        for (int i = 0; i < copies; i++) {
            reduceRow(qvarn, target, key, i == 0 ? value : staleValue, shape == 7 ? 2 : 1, 1 + random.nextInt(1000));
        }
    }

    private static void reduceRow(QvarnMrHarness qvarn, String target, String key, Object value, int version,
                                  long timestamp) {
        String fields = target.equals("company_reports")
                ? "\"org_id\": \"" + key + "\", \"report_id\": " + (value instanceof String s ? "\"" + s + "\"" : "null")
                : "\"_mr_value\": " + value;
        qvarn.create(target, "{\"_mr_key\": \"" + key + "\", " + fields + ", \"_mr_version\": " + version
                + ", \"_mr_timestamp\": " + timestamp + "}");
    }

    /** Reduce rows by target and key. */
    private static Map<String, Integer> reduceRowsPerKey(QvarnMrHarness qvarn) {
        Map<String, Integer> rows = new TreeMap<>();
        for (String target : REDUCE_TARGETS) {
            qvarn.derived(target).forEach(r -> rows.merge(target + "/" + MrFields.text(r, MrFields.KEY), 1, Integer::sum));
        }
        return rows;
    }

    /** Keys that hold more reduce rows than before, where they held one or none. */
    private static List<String> newDuplicates(Map<String, Integer> before, Map<String, Integer> after) {
        List<String> grown = new ArrayList<>();
        after.forEach((key, n) -> {
            int was = before.getOrDefault(key, 0);
            if (n > Math.max(1, was)) {
                grown.add(key + ": " + was + " -> " + n);
            }
        });
        return grown;
    }

    /** For each of {@code keys}: not one reduce row in each reduce target, or a live map row of another version. */
    private static List<String> touchedKeysWrong(QvarnMrHarness qvarn, Versions v, List<String> keys) {
        Map<String, Integer> rows = reduceRowsPerKey(qvarn);
        List<String> wrong = new ArrayList<>();
        for (String key : keys) {
            for (String target : REDUCE_TARGETS) {
                if (rows.getOrDefault(target + "/" + key, 0) != 1) {
                    wrong.add(target + "[" + key + "]: " + rows.getOrDefault(target + "/" + key, 0) + " rows");
                }
            }
        }
        wrongVersions(qvarn, v).stream().filter(w -> keys.stream().anyMatch(k -> w.endsWith("under " + k)))
                .forEach(wrong::add);
        return wrong;
    }

    /** Every derived row at its handler's final version. */
    private static List<String> wrongVersions(QvarnMrHarness qvarn, Versions v) {
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> mapVersion = Map.of("company_reports__map/orgs", v.orgsJoin(),
                "company_reports__map/reports", v.reportsJoin(), "reports_counts__map/reports", v.reportsCount());
        for (String target : new String[] {"company_reports__map", "reports_counts__map"}) {
            for (ObjectNode row : qvarn.derived(target)) {
                Integer expected = mapVersion.get(target + "/" + MrFields.text(row, MrFields.SOURCE_TYPE));
                if (expected == null || expected != MrFields.version(row)) {
                    wrong.add(target + " row of " + MrFields.text(row, MrFields.SOURCE_ID) + " at version "
                            + MrFields.version(row) + (QvarnValues.isTrue(row.get(MrFields.DELETED)) ? " (marked)" : "")
                            + " under " + MrFields.text(row, MrFields.KEY));
                }
            }
        }
        Map<String, Integer> reduceVersion = Map.of("company_reports", v.join(), "reports_counts", v.count());
        reduceVersion.forEach((target, expected) -> qvarn.derived(target).stream()
                .filter(r -> MrFields.version(r) != expected)
                .forEach(r -> wrong.add(target + "[" + MrFields.text(r, MrFields.KEY) + "] at version "
                        + MrFields.version(r))));
        return wrong;
    }

    /** One reconciliation, as the cron (or a one-shot repair) runs it. */
    private static void reconcile(QvarnMrHarness qvarn, String yaml) {
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(new DefaultCamelContext())).parse(yaml, "any-state.yaml");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (QvarnMrEngine engine = new QvarnMrEngine(qvarn.client(), bindings, qvarn.settings(bindings, RUN),
                "reconcile/1", Clock.systemUTC(), pool, LRUCacheFactory::newLRUCache)) {
            engine.start();
            while (engine.resyncStep()) {
                // nothing is due after the final run; a resync would finish here
            }
            engine.reconcile();
        } finally {
            pool.shutdownNow();
        }
    }
}

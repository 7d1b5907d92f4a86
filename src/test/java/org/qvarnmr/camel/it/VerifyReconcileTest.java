package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.RefusingPort;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * {@code verify} finds every kind of drift read-only, and {@code reconcile} repairs it so that {@code verify}
 * then finds none: through the command line, against the embedded Qvarn.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class VerifyReconcileTest {
    private static final String BINDINGS = Bindings.COUNT_BINDINGS;
    private static final String MAP = "reports_counts__map";
    private static final String COUNTS = "reports_counts";

    private QvarnMrHarness qvarn;
    private Path handlers;
    private Path config;

    @BeforeEach
    void files(QvarnMrHarness qvarn) throws Exception {
        this.qvarn = qvarn;
        handlers = Files.writeString(qvarn.workDir().resolve("handlers.yaml"), BINDINGS);
        config = Files.writeString(qvarn.workDir().resolve("app.properties"), "qvarn.base-url="
                + qvarn.server().baseUrl() + "\nqvarnmr.instance=it\nqvarnmr.management.enabled=no\n");
    }

    private Cli.Result verify(String... more) {
        List<String> args = new ArrayList<>(List.of("verify", handlers.toString(), "-c", config.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Result reconcile() {
        return Cli.run("reconcile", handlers.toString(), "-c", config.toString());
    }

    /** Orgs a, m, w, x, y, z with reports (m: 5, the others 2), processed by the worker: a store without drift. */
    private void correctStore() throws Exception {
        for (String org : List.of("a", "w", "x", "y", "z")) {
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        }
        for (int i = 0; i < 5; i++) {
            qvarn.create("reports", "{\"org\": \"m\"}");
        }
        assertThat(qvarn.bindingsYaml(BINDINGS).runWorker()).isZero();
    }

    /** The map rows of org m's reports, in source order. */
    private List<ObjectNode> mapRowsAtM() {
        return qvarn.derived(MAP).stream().filter(r -> "m".equals(MrFields.text(r, MrFields.KEY)))
                .sorted(java.util.Comparator.comparing(r -> MrFields.text(r, MrFields.SOURCE_ID))).toList();
    }

    private static String body(ObjectNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove(List.of("id", "type", "revision"));
        return copy.toString();
    }

    /**
     * Every kind of drift once in the map target (all at key m, so the count at m is wrong too) and once
     * more in the reduce target.
     */
    private void drift() {
        List<ObjectNode> m = mapRowsAtM();
        qvarn.delete(MAP, m.get(0).get("id").asText());                                     // map: missing
        qvarn.create(MAP, "{\"_mr_key\": \"m\", \"_mr_source_id\": \"gone\", \"_mr_source_type\": \"reports\", "
                + "\"_mr_version\": 1, \"_mr_deleted\": false}");                           // map: extra
        qvarn.create(MAP, body(m.get(1)));                                                   // map: duplicate
        qvarn.client().update(MAP, m.get(2).get("id").asText(), m.get(2).deepCopy().put("_mr_value", "x")); // wrong
        qvarn.client().update(MAP, m.get(3).get("id").asText(), m.get(3).deepCopy().put("_mr_version", 0));  // stale
        qvarn.create(MAP, body(m.get(4).deepCopy().put("_mr_deleted", true)));               // map: marked
        // Live rows at m: 5 - 1 + 1 + 1 = 6, while the stored count says 5: m's reduce row is wrong.
        java.util.Map<String, ObjectNode> counts = qvarn.derivedByKey(COUNTS);
        qvarn.delete(COUNTS, counts.get("x").get("id").asText());                           // reduce: missing
        qvarn.create(COUNTS, "{\"_mr_key\": \"nobody\", \"_mr_value\": 5, \"_mr_version\": 1}"); // reduce: extra
        qvarn.create(COUNTS, body(counts.get("y").deepCopy().put("_mr_timestamp", 1)));    // reduce: duplicate (older)
        ObjectNode z = counts.get("z");
        qvarn.client().update(COUNTS, z.get("id").asText(), z.deepCopy().put("_mr_value", 99)); // reduce: wrong
        ObjectNode w = counts.get("w");
        qvarn.client().update(COUNTS, w.get("id").asText(), w.deepCopy().put("_mr_version", 0)); // reduce: stale
    }

    @Test
    void shouldFindNoDriftInAStoreTheWorkerWroteAndSendOnlyReads() throws Exception {
        correctStore();
        qvarn.server().stats().reset();

        Cli.Result result = verify();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(
                "reports_counts__map (map of reports): 15 sources, 15 rows: no drift",
                "reports_counts (reduce of reports_counts__map): 6 keys, 6 rows: no drift",
                "verify: no drift in 2 targets");
        assertThat(qvarn.server().stats().snapshot().keySet()).as("only reads").isNotEmpty()
                .allMatch(route -> route.startsWith("GET "));
        // The start-up probe, the map walk's search of the sources' id range, one listing each: no search per key.
        assertThat(qvarn.server().stats().count("GET", "/reports_counts__map/search")).isEqualTo(3);
        assertThat(qvarn.server().stats().count("GET", "/reports_counts/search")).isEqualTo(2);
    }

    /** Also in pages of 2 and with a cache of 2 rows: reduce rows then read per key, not from the listing. */
    @ParameterizedTest
    @ValueSource(strings = {"", "qvarnmr.page-size=2\nqvarnmr.cache-size=2\n"})
    void shouldCountEachKindOfDriftWithoutWritingOrTakingOwnership(String settings) throws Exception {
        correctStore();
        drift();
        Files.writeString(config, settings, java.nio.file.StandardOpenOption.APPEND);
        qvarn.server().stats().reset();

        Cli.Result result = verify();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(result.out()).contains(
                "reports_counts__map (map of reports): 15 sources, 17 rows: 6 drifted (1 missing, 1 extra, "
                        + "1 duplicate, 1 wrong, 1 stale, 1 marked)",
                "reports_counts (reduce of reports_counts__map): 7 keys, 7 rows: 6 drifted (1 missing, 1 extra, "
                        + "1 duplicate, 2 wrong, 1 stale)",
                "verify: drift in 2 of 2 targets; repair it with: java -jar qvarnmr-camel.jar reconcile " + handlers
                        + " -c " + config);
        assertThat(qvarn.server().stats().snapshot().keySet()).as("no POST, PUT or DELETE: no ownership, no listener")
                .allMatch(route -> route.startsWith("GET "));
        assertThat(qvarn.derived("qvarnmr_listeners")).allSatisfy(r -> assertThat(r.get("owner").isNull()).isTrue());
    }

    @Test
    void shouldWriteTheDriftedRowsIntoTheJsonReport() throws Exception {
        correctStore();
        drift();
        Path file = qvarn.workDir().resolve("drift.json");

        Cli.Result result = verify("--report", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(result.out()).contains("report written to " + file);
        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(report.get("clean").asBoolean()).isFalse();
        assertThat(report.get("drifted").asLong()).isEqualTo(12);
        assertThat(report.get("instance").asText()).isEqualTo("it");
        JsonNode map = report.get("targets").get(0);
        assertThat(map.get("target").asText()).isEqualTo(MAP);
        assertThat(map.get("type").asText()).isEqualTo("map");
        assertThat(map.get("counts").toString()).isEqualTo("{\"missing\":1,\"extra\":1,\"duplicate\":1,\"wrong\":1,"
                + "\"stale\":1,\"marked\":1,\"failed\":0}");
        JsonNode extra = kind(map, "extra");
        assertThat(extra.get("source").asText()).isEqualTo("reports/gone");
        assertThat(extra.get("note").asText()).isEqualTo("the source is gone");
        assertThat(kind(map, "missing").get("expected").get("_mr_key").asText()).isEqualTo("m");
        assertThat(kind(map, "wrong").get("found").get("_mr_value").asText()).isEqualTo("x");
        assertThat(kind(map, "stale").get("found").get("_mr_version").asInt()).isZero();
        JsonNode counts = report.get("targets").get(1);
        assertThat(counts.get("type").asText()).isEqualTo("reduce");
        assertThat(counts.get("keys").asLong()).isEqualTo(7);
        assertThat(kind(counts, "missing").get("key").asText()).isEqualTo("x");
        assertThat(kind(counts, "extra").get("key").asText()).isEqualTo("nobody");
        assertThat(kind(counts, "duplicate").get("found").get("_mr_timestamp").asLong()).isEqualTo(1);
        assertThat(kind(counts, "stale").get("expected").get("_mr_version").asInt()).isEqualTo(1);
        assertThat(counts.get("examples").findValuesAsText("kind")).filteredOn("wrong"::equals).hasSize(2);
        assertThat(counts.get("examplesLeftOut").asLong()).isZero();
    }

    private static JsonNode kind(JsonNode target, String kind) {
        for (JsonNode row : target.get("examples")) {
            if (kind.equals(row.get("kind").asText())) {
                return row;
            }
        }
        throw new AssertionError("no " + kind + " row in " + target);
    }

    @Test
    void shouldRepairEveryKindOfDriftSoThatVerifyFindsNone() throws Exception {
        correctStore();
        drift();

        Cli.Result repaired = reconcile();

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.out()).contains("reconcile done: ", " rows repaired, 0 failures");
        Cli.Result after = verify();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("verify: no drift in 2 targets");
        assertThat(qvarn.derivedByKey(COUNTS)).as("one row per key, duplicates collapsed").containsOnlyKeys("a", "m", "w",
                "x", "y", "z");
        assertThat(qvarn.derivedByKey(COUNTS).get("m").get("_mr_value").asInt()).isEqualTo(5);
        assertThat(qvarn.derived("qvarnmr_listeners")).as("ownership released")
                .allSatisfy(r -> assertThat(r.get("owner").isNull()).isTrue());
        assertThat(qvarn.bindingsYaml(BINDINGS).runWorker()).as("the worker goes on as usual").isZero();
        assertThat(verify().exitCode()).isZero();
    }

    /** A report without an org, processed by this worker (no row), plus the map row the original writes for it. */
    private String reportWithTheOriginalsKeylessRow() throws Exception {
        String report = qvarn.create("reports", "{\"report_type\": \"no org\"}");
        assertThat(qvarn.bindingsYaml(BINDINGS).runWorker()).isZero();
        qvarn.create(MAP, "{\"_mr_key\": null, \"_mr_source_id\": \"" + report + "\", \"_mr_source_type\": "
                + "\"reports\", \"_mr_version\": 1, \"_mr_deleted\": false}");
        return report;
    }

    /**
     * What the original writes for a report without an org (seen on the real Qvarn): a map row and a reduce row
     * whose {@code _mr_key} is null. This worker skips null keys, so both are extra; nothing reduces a null key,
     * so reconcile must remove them at once rather than mark them.
     */
    @Test
    void shouldRemoveTheRowsWithoutAKeyThatTheOriginalLeaves() throws Exception {
        correctStore();
        reportWithTheOriginalsKeylessRow();
        qvarn.create(COUNTS, "{\"_mr_key\": null, \"_mr_value\": 0, \"_mr_version\": 1, \"_mr_timestamp\": 1}");

        Cli.Result found = verify();
        Cli.Result repaired = reconcile();
        Cli.Result after = verify();

        assertThat(found.out()).contains("reports_counts__map (map of reports): 16 sources, 16 rows: 1 drifted (1 extra)",
                "reports_counts (reduce of reports_counts__map): 6 keys, 7 rows: 1 drifted (1 extra)");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(qvarn.derived(MAP)).hasSize(15);
        assertThat(qvarn.derived(COUNTS)).hasSize(6);
    }

    /** The same leftover met by the worker itself: the keyless row goes when its source changes, never marked. */
    @Test
    void shouldNotLeaveAKeylessRowMarkedWhenItsSourceChanges() throws Exception {
        correctStore();
        String report = reportWithTheOriginalsKeylessRow();

        qvarn.update("reports", report, "{\"org\": \"a\", \"report_type\": \"now with an org\"}");
        assertThat(qvarn.bindingsYaml(BINDINGS).runWorker()).isZero();

        Cli.Result after = verify();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(qvarn.derived(MAP)).filteredOn(r -> report.equals(MrFields.text(r, MrFields.SOURCE_ID)))
                .singleElement().satisfies(r -> assertThat(MrFields.text(r, MrFields.KEY)).isEqualTo("a"));
        assertThat(qvarn.derivedByKey(COUNTS).get("a").get("_mr_value").asInt()).isEqualTo(3);
    }

    @Test
    void shouldCountTheSourcesAHandlerFailsOnAsNotChecked() throws Exception {
        String failing = Bindings.MAP_FAILS_ON_BOOM;
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        assertThat(qvarn.bindingsYaml(failing).runWorker()).isZero();
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        Files.writeString(handlers, failing);

        Cli.Result result = verify();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(result.out()).contains("reports_counts__map (map of reports): 2 sources, 1 row: no drift; 1 source "
                + "not checked: the handler failed (the log says why)", "verify: no drift in 2 targets; a handler "
                + "failed on 1 source or key, not checked: fix it and verify again");
        assertThat(result.out() + result.err()).contains("failed on resource " + boom, "cannot map a boom report");
    }

    @Test
    void shouldExitTwoOnBadBindingsAndThreeWhenQvarnIsUnreachable() throws Exception {
        Files.writeString(handlers, BINDINGS.replace("handler: count", "handler: cont"));
        Cli.Result bad = verify();
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.err()).contains("unknown built-in 'cont'");

        Files.writeString(handlers, BINDINGS);
        try (RefusingPort unreachable = new RefusingPort()) {
            Files.writeString(config, "qvarn.base-url=" + unreachable.url() + "\nqvarnmr.instance=it\n"
                    + "qvarnmr.startup-timeout=1\nqvarnmr.retry.delay=0.2\n");
            for (Cli.Result result : List.of(verify(), reconcile())) {
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
                assertThat(result.err()).contains("cannot reach Qvarn at " + unreachable.url() + ": connection refused");
            }
        }
    }

    @Test
    void shouldVerifyBesideARunningWorker() throws Exception {
        correctStore();

        try (var worker = qvarn.bindingsYaml(BINDINGS).startWorker()) {
            Cli.Result verified = verify();

            assertThat(verified.exitCode()).as(verified.toString()).isZero();
            assertThat(worker.exit()).as("the worker runs on").isNotDone();
        }
    }

    @Test
    void shouldNotReconcileWhileAnotherWorkerOwnsTheInstance() throws Exception {
        correctStore();
        String now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"));
        for (ObjectNode record : qvarn.derived("qvarnmr_listeners")) {
            qvarn.client().update("qvarnmr_listeners", record.get("id").asText(),
                    record.deepCopy().put("owner", "elsewhere/4242").put("timestamp", now));
        }
        qvarn.server().stats().reset();

        Cli.Result refused = reconcile();

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.OWNED_ELSEWHERE);
        assertThat(refused.out()).contains("map/reduce engine is already running on elsewhere/4242; stop that "
                + "worker before reconciling");
        assertThat(qvarn.server().stats().snapshot().keySet()).as("nothing written")
                .allMatch(route -> route.startsWith("GET "));
    }
}

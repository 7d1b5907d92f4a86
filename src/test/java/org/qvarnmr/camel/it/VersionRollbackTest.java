package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.qvarn.client.support.LogCapture;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * Every version sequence converges: a map handler bumped to a version whose output Qvarn refuses for most
 * sources, then rolled back, leaves no key of mixed versions postponed; and a key holding a row of another
 * version while no resync of its map target is due is repaired, never left postponed.
 */
class VersionRollbackTest {
    private static final String COUNTS = TypeYaml.derived("invoice_counts", true, "_mr_value: 0");
    /** {@code _mr_value} is text: version 2's integer amounts are refused (400 WrongTypeValue), a null passes. */
    private static final String COUNTS_MAP = TypeYaml.derived("invoice_counts__map", false);
    private static final String V1 = """
            invoice_counts__map:
              invoices: {type: map, version: 1, handler: "item(org)"}
            invoice_counts:
              invoice_counts__map: {type: reduce, version: 1, handler: count}
            """;
    private static final String V2 = V1.replace("{type: map, version: 1, handler: \"item(org)\"}",
            "{type: map, version: 2, handler: \"item(org, amount)\"}");

    final QvarnMrHarness qvarn = TestQvarn.perTest(Bindings.INVOICES_TYPE, COUNTS, COUNTS_MAP);

    @AfterEach
    void closeQvarn() {
        qvarn.close();
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        qvarn.derivedByKey("invoice_counts").forEach((k, row) -> counts.put(k, row.get(MrFields.VALUE).asInt()));
        return counts;
    }

    private Map<String, Integer> mapVersions() {
        Map<String, Integer> versions = new TreeMap<>();
        qvarn.derived("invoice_counts__map").forEach(r -> versions.merge("v" + MrFields.version(r), 1, Integer::sum));
        return versions;
    }

    private static List<String> warnings(LogCapture log) {
        return log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void shouldConvergeWhenAFailedBumpIsRolledBack() throws Exception {
        qvarn.create("invoices", "{\"org\": \"a\", \"amount\": 1}");
        qvarn.create("invoices", "{\"org\": \"a\", \"amount\": 2}");
        qvarn.create("invoices", "{\"org\": \"a\", \"amount\": null}");
        qvarn.create("invoices", "{\"org\": \"b\", \"amount\": 3}");
        assertThat(qvarn.bindingsYaml(V1).runWorker()).isZero();
        assertThat(counts()).isEqualTo(Map.of("a", 3, "b", 1));

        assertThat(qvarn.bindingsYaml(V2).runWorker()).as("the bump: most rows refused").isEqualTo(ExitCodes.NOT_ALL_DONE);
        assertThat(mapVersions()).as("only the null amount's row was written at version 2")
                .isEqualTo(Map.of("v1", 3, "v2", 1));

        Path letters = qvarn.workDir().resolve("dead-letters");
        try (LogCapture log = LogCapture.of("org.qvarnmr.camel")) {
            assertThat(qvarn.bindingsYaml(V1).runWorker()).as("the rollback").isZero();
            assertThat(mapVersions()).as("after the rollback every map row is at version 1 again")
                    .isEqualTo(Map.of("v1", 4));

            qvarn.create("invoices", "{\"org\": \"a\", \"amount\": 4}");
            assertThat(qvarn.bindingsYaml(V1).runWorker()).isZero();

            assertThat(counts()).as("the new invoice is counted").isEqualTo(Map.of("a", 4, "b", 1));
            // The refused sources of version 2 were dead-lettered by its resync (guarantees 4): each start says so.
            assertThat(warnings(log)).as("nothing postponed, nothing failed; the letters of version 2 wait")
                    .isNotEmpty().allSatisfy(w -> assertThat(w).startsWith("WARN 3 dead letters waiting in " + letters));
        }
        assertThat(qvarn.deadLetters()).hasSize(3).allSatisfy(letter -> assertThat(letter.get("error").asText())
                .startsWith("resync of invoice_counts__map <- invoices (version 2): ").contains("WrongTypeValue"));

        Cli.Result replay = Cli.run("replay", Files.writeString(qvarn.workDir().resolve("v1.yaml"), V1).toString(),
                "-c", Cli.properties(qvarn.workDir(), Map.of("qvarn.base-url", qvarn.server().baseUrl().toString(),
                        "qvarnmr.instance", "it", "qvarnmr.dead-letter-uri", "file:" + letters)).toString());
        assertThat(replay.exitCode()).as("replaying version 2's letters at version 1: " + replay).isZero();
        assertThat(counts()).as("the replay changed no count").isEqualTo(Map.of("a", 4, "b", 1));
        assertThat(mapVersions()).as("and wrote no row of another version").isEqualTo(Map.of("v1", 5));
    }

    @Test
    void shouldRepairAKeyHoldingARowOfAnotherVersionWhenNoResyncIsDue() throws Exception {
        String stray = qvarn.create("invoices", "{\"org\": \"a\", \"amount\": null}");
        qvarn.create("invoices", "{\"org\": \"a\", \"amount\": 1}");
        assertThat(qvarn.bindingsYaml(V1).runWorker()).isZero();
        // Behind the worker (an older worker's failed bump, the original): one row says version 2, and the
        // version record still says 1, so no resync is due.
        qvarn.derived("invoice_counts__map").stream().filter(r -> stray.equals(MrFields.text(r, MrFields.SOURCE_ID)))
                .forEach(r -> {
                    r.put(MrFields.VERSION, 2);
                    qvarn.client().update("invoice_counts__map", r.get("id").asText(), r);
                });
        qvarn.create("invoices", "{\"org\": \"a\", \"amount\": 2}");

        try (LogCapture log = LogCapture.of("org.qvarnmr.camel")) {
            assertThat(qvarn.bindingsYaml(V1).runWorker()).isZero();

            assertThat(counts()).as("the new invoice is counted").isEqualTo(Map.of("a", 3));
            assertThat(mapVersions()).as("the stray row was mapped again at version 1").isEqualTo(Map.of("v1", 3));
            assertThat(warnings(log)).as("nothing postponed, nothing failed").isEmpty();
        }
    }
}

package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.route.DeadLetterFolder;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/** {@code replay}: dead letters re-run once their cause is fixed, through the command line. */
class ReplayCommandTest {
    private static final String BROKEN = Bindings.MAP_FAILS_ON_BOOM;
    private static final String FIXED = BROKEN.replace("{class: org.qvarnmr.camel.it.handlers.FailOnBoom}",
            "{item: {key: org}}");

    private QvarnMrHarness qvarn;
    private Path letters;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start();
        letters = qvarn.workDir().resolve("dead-letters");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        settings.put("qvarnmr.instance", "it");
        settings.put("qvarnmr.dead-letter-uri", "file:" + letters);
        config = Cli.properties(qvarn.workDir(), settings);
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    private Cli.Result replay(String bindings, String... options) throws Exception {
        Path handlers = Files.writeString(qvarn.workDir().resolve("replay-handlers.yaml"), bindings);
        List<String> args = new java.util.ArrayList<>(List.of("replay", handlers.toString(), "-c", config.toString()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    /** A boom report at org a that the broken handler dead-letters; returns its id. */
    private String deadLetteredBoom() throws Exception {
        qvarn.bindingsYaml(BROKEN).runWorker();
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"fine\"}");
        assertThat(qvarn.bindingsYaml(BROKEN).runWorker("qvarnmr.retry.max-attempts=1")).isEqualTo(ExitCodes.NOT_ALL_DONE);
        assertThat(DeadLetterFolder.letters(letters)).hasSize(1);
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("b");
        return boom;
    }

    @Test
    void shouldReplayADeadLetterOnceTheHandlerIsFixed() throws Exception {
        String boom = deadLetteredBoom();

        Cli.Result result = replay(FIXED);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("replayed reports/" + boom + "; reduced reports_counts__map[a]",
                "replayed 1 of 1 dead letters (moved to " + letters.resolve("replayed") + ")");
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("a", "b");
        assertThat(DeadLetterFolder.letters(letters)).isEmpty();
        assertThat(DeadLetterFolder.letters(letters.resolve("replayed"))).hasSize(1);
        assertThat(qvarn.bindingsYaml(FIXED).runWorker()).as("the worker goes on as usual").isZero();
        assertThat(qvarn.derived("reports_counts__map")).hasSize(2);
    }

    /**
     * A letter replayed a second time (it was copied back, or written twice: guarantees section 4) reads
     * and writes nothing new: the derived data stays as the first replay left it.
     */
    @Test
    void shouldChangeNothingWhenALetterIsReplayedTwice() throws Exception {
        String boom = deadLetteredBoom();
        assertThat(replay(FIXED).exitCode()).isZero();
        Path replayed = DeadLetterFolder.letters(letters.resolve("replayed")).get(0);
        Files.copy(replayed, letters.resolve(replayed.getFileName()));
        List<ObjectNode> mapRows = qvarn.derived("reports_counts__map");
        Map<String, ObjectNode> counts = qvarn.derivedByKey("reports_counts");
        qvarn.server().stats().reset();

        Cli.Result again = replay(FIXED);

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("replayed reports/" + boom);
        assertThat(qvarn.server().stats().snapshot().keySet()).as("no derived row written")
                .noneMatch(route -> route.matches("(POST|PUT|DELETE) /reports_counts.*"));
        assertThat(qvarn.derived("reports_counts__map")).containsExactlyInAnyOrderElementsOf(mapRows);
        assertThat(qvarn.derivedByKey("reports_counts")).isEqualTo(counts);
    }

    @Test
    void shouldReplayWithABeanHandlerTheConfigurationBindsAndRunNoRoutes() throws Exception {
        String boom = deadLetteredBoom();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        settings.put("qvarnmr.instance", "it");
        settings.put("qvarnmr.dead-letter-uri", "file:" + letters);
        settings.put("camel.beans.reportsByOrg", "#class:org.qvarnmr.camel.it.handlers.KeyByField");
        settings.put("camel.beans.reportsByOrg.field", "org");
        // the worker's routes (keep-alive.yaml needs the worker's beans) are no business of a replay
        settings.put("camel.main.routes-include-pattern", "file:routes/*.yaml");
        config = Cli.properties(qvarn.workDir(), settings);

        Cli.Result result = replay(BROKEN.replace("{class: org.qvarnmr.camel.it.handlers.FailOnBoom}", "{bean: reportsByOrg}"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("replayed reports/" + boom);
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("a", "b");
    }

    @Test
    void shouldReplayAResourceThatIsGoneAsADelete() throws Exception {
        qvarn.bindingsYaml(BROKEN).runWorker();
        String report = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        qvarn.bindingsYaml(BROKEN).runWorker();
        qvarn.update("reports", report, "{\"org\": \"b\", \"report_type\": \"boom\"}");
        qvarn.bindingsYaml(BROKEN).runWorker("qvarnmr.retry.max-attempts=1");
        assertThat(qvarn.derivedByKey("reports_counts")).as("the old result is kept").containsOnlyKeys("a");
        qvarn.delete("reports", report);

        Cli.Result result = replay(FIXED);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("replayed reports/" + report + " as a delete (the resource is gone)");
        assertThat(qvarn.derivedByKey("reports_counts")).isEmpty();
        assertThat(qvarn.derived("reports_counts__map")).isEmpty();
        assertThat(qvarn.bindingsYaml(FIXED).runWorker()).as("its pending 'deleted' notification changes nothing").isZero();
        assertThat(qvarn.derivedByKey("reports_counts")).isEmpty();
    }

    @Test
    void shouldKeepLettersThatFailAgainAndSayWhy() throws Exception {
        deadLetteredBoom();
        Path garbage = Files.writeString(letters.resolve("zz-garbage.json"), "{not json");

        Cli.Result result = replay(BROKEN);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_ALL_REPLAYED);
        assertThat(result.out()).contains("FAILED ", "cannot map a boom report",
                "cannot replay " + garbage + ": not a readable JSON dead letter",
                "replayed 0 of 2 dead letters; 1 failed again and stay in " + letters + "; 1 unreadable, moved to "
                        + letters.resolve("unreadable"));
        assertThat(DeadLetterFolder.letters(letters)).as("the letter that failed again").hasSize(1);
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("b");
    }

    @Test
    void shouldWriteAndMoveNothingOnADryRun() throws Exception {
        String boom = deadLetteredBoom();
        qvarn.server().stats().reset();

        Cli.Result result = replay(FIXED, "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("would replay reports/" + boom + " as an update through reports_counts__map",
                "nothing was written or moved");
        assertThat(DeadLetterFolder.letters(letters)).hasSize(1);
        assertThat(qvarn.server().stats().snapshot().keySet()).as("only reads")
                .allMatch(route -> route.startsWith("GET "));
    }

    @Test
    void shouldRefuseWhileAWorkerOwnsTheInstance() throws Exception {
        deadLetteredBoom();
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").format(LocalDateTime.now(ZoneOffset.UTC));
        for (ObjectNode record : qvarn.derived("qvarnmr_listeners")) {
            ObjectNode body = record.deepCopy();
            body.put("owner", "worker-host/77");
            body.put("timestamp", stamp);
            qvarn.client().update("qvarnmr_listeners", record.get("id").asText(), body);
        }

        Cli.Result result = replay(FIXED);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OWNED_ELSEWHERE);
        assertThat(result.out()).contains("map/reduce engine is already running on worker-host/77",
                "stop that worker before replaying");
        assertThat(DeadLetterFolder.letters(letters)).hasSize(1);
    }

    @Test
    void shouldCountTheWaitingDeadLettersWhenAWorkerStarts() throws Exception {
        deadLetteredBoom();
        Path handlers = Files.writeString(qvarn.workDir().resolve("worker-handlers.yaml"), FIXED);

        Cli.Result result = Cli.run(handlers.toString(), "-c", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out() + result.err()).contains("1 dead letters waiting in " + letters
                + "; once their cause is fixed, replay them with: java -jar qvarnmr-camel.jar replay HANDLERS.yaml "
                + "-c CONFIG --dead-letters " + letters);
    }

    @Test
    void shouldSaySoWhenThereIsNothingToReplay() throws Exception {
        Cli.Result result = replay(FIXED);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("no dead letters in " + letters);
    }

    @Test
    void shouldSetAsideALetterCutShortNamingItsFileAndNotTripOnItAgain() throws Exception {
        deadLetteredBoom();
        Path empty = Files.createFile(letters.resolve("00-cut-short.json")); // what a full disk left behind

        Cli.Result first = replay(FIXED);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.NOT_ALL_REPLAYED);
        assertThat(first.out()).contains("cannot replay " + empty + ": it is empty (0 bytes)",
                "moved to " + letters.resolve("unreadable"), "replayed 1 of 2 dead letters");
        assertThat(letters.resolve("unreadable").resolve("00-cut-short.json")).exists();
        Cli.Result second = replay(FIXED);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("no dead letters in " + letters);
    }
}

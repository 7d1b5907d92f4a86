package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.runtime.WorkerRuntime;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/** The demo explains itself: names beside ids, a paragraph per table, a true summary, and in -f what changed. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class DemoTest {
    private QvarnMrHarness qvarn;

    @Test
    void shouldShowNamesBesideIdsExplainEachTableAndSummariseTruly() {
        Cli.Result result = Cli.run("demo");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .containsPattern("reports_counts \\(3 rows\\)\\n  reports_counts holds one row per key of "
                        + "reports_counts__map: the count of that key's map rows\\.")
                .containsPattern("company_reports__map holds the map rows: one per orgs through item\\(key=id\\), "
                        + "and one per reports through item\\(key=org\\)\\.")
                .containsPattern("\\n  [0-9a-f-]+ \\(Acme Oy\\) +3 *\\n")
                .containsPattern("one-shot run done: 0 changes processed, [1-9][0-9]* derived rows written, "
                        + "0 dead letters, 0 resync failures");
    }

    @Test
    void shouldSayInOneLineWhatAPassChanged() throws Exception {
        String org = qvarn.create("orgs", "{\"names\": [\"Acme Oy\"]}");
        qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker();
        CamelContext camel = WorkerRuntime.newContext();
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(Bindings.README_BINDINGS, "handlers.yaml");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        camel.addRoutes(new DemoWatch(qvarn.client(), bindings, new DemoTables(qvarn.client(), bindings), out));
        WorkerRuntime worker = new WorkerRuntime(camel, bindings, qvarn.settings(bindings),
                new PrintStream(OutputStream.nullOutputStream()));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return worker.run(true);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> captured.toString(StandardCharsets.UTF_8).contains("reports_counts[Acme Oy] 2 -> 3"));
            assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("changed: ")
                    .as("one line for the pass").hasLineCount(1);
        } finally {
            worker.stop();
            exit.get(60, TimeUnit.SECONDS);
        }
    }
}

package org.qvarnmr.camel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.QvarnMr;

/**
 * The one-shot line counts the pass summaries the routes give the worker (not meters by name): every
 * change a pass acknowledged and every one it dead-lettered, with the exit code they call for.
 */
class RunSummaryTest {
    private static final String COUNTS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;

    @Test
    void shouldCountEveryPassSummaryTheWorkerIsGiven() throws Exception {
        HandlerBindings bindings = new BindingsLoader(HandlerResolver.NONE).parse(COUNTS, "counts.yaml");
        try (QvarnMrHarness qvarn = QvarnMrHarness.builder().resourceTypes(Path.of("config", "resource-types")).start();
             QvarnMr worker = QvarnMr.builder(bindings, qvarn.settings(bindings)).build()) {
            worker.listener().passDone(new PassSummary(3, 2, 0, 1, 1, false));
            worker.listener().passDone(new PassSummary(4, 4, 1, 0, 2, true));

            RunSummary summary = RunSummary.of(worker.totals(), "mock:dead-letters", 0);

            assertThat(summary.line()).isEqualTo("one-shot run done: 6 changes processed, 0 derived rows written, "
                    + "1 dead letter (in mock:dead-letters; replay them once the cause is fixed), 0 resync failures");
            assertThat(summary.exitCode()).isEqualTo(ExitCodes.NOT_ALL_DONE);
        }
    }
}

package org.qvarnmr.camel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.route.FatalErrors;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.ChangeKind;
import org.qvarnmr.camel.engine.Pass;
import org.qvarnmr.camel.route.PassAggregation;

/**
 * Running out of memory ends a {@code java -jar} worker, wherever it surfaces: in a thread that dies of it, or
 * in a step of a pass, even a step on a parallel split's pool thread (where Camel would swallow the error and
 * wait forever) whose failures the pass records per change or key. The halt is a stand-in here;
 * {@code it/reliability/OversizedAnswerIT} runs the real one.
 */
class OutOfMemoryGuardTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Integer> halts = new CopyOnWriteArrayList<>();
    private final OutOfMemoryGuard guard = new OutOfMemoryGuard(new PrintStream(err, true, StandardCharsets.UTF_8),
            halts::add);

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldHaltWhenAThreadDiesOfIt() {
        guard.uncaughtException(new Thread("qvarnmr-poll"), new OutOfMemoryError("Java heap space"));

        assertThat(halts).containsExactly(ExitCodes.OUT_OF_MEMORY);
        assertThat(err()).startsWith("out of memory (Java heap space) in thread qvarnmr-poll; the worker stops at once,"
                + " so that its ownership lapses and another worker can take over. Give it more heap (java -Xmx...), or"
                + " lower qvarn.max-response-size, qvarnmr.batch-size or qvarnmr.cache-size");
    }

    @Test
    void shouldLeaveAnyOtherDeathToTheUsualHandler() {
        guard.uncaughtException(new Thread("worker"), new IllegalStateException("a bug"));

        assertThat(halts).isEmpty();
        assertThat(err()).startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: a bug");
    }

    @Test
    void shouldHaltWhenAStepOfAPassRunsOutOfMemory() throws Exception {
        assertHaltsOn(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pass").process(FatalErrors.guard(OutOfMemoryGuardTest::runOutOfMemory));
            }
        });
    }

    @Test
    void shouldHaltWhenAParallelMapStepRunsOutOfMemoryThoughMapFailuresAreRecordedPerChange() throws Exception {
        assertHaltsOn(parallelSplit(PassAggregation.MAP));
    }

    @Test
    void shouldHaltWhenAParallelReduceStepRunsOutOfMemoryThoughReduceFailuresAreRecordedPerKey() throws Exception {
        assertHaltsOn(parallelSplit(PassAggregation.REDUCE));
    }

    /** A split like the pass's map and reduce phases: parallel, guarded steps, failures aggregated. */
    private static RouteBuilder parallelSplit(AggregationStrategy aggregation) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pass").split().body(Pass.class, Pass::changes).aggregationStrategy(aggregation)
                        .parallelProcessing()
                        .process(FatalErrors.guard(OutOfMemoryGuardTest::runOutOfMemory))
                        .end();
            }
        };
    }

    /** What a step does when the heap is full (a real allocation failure would take the test JVM's heap too). */
    private static void runOutOfMemory(Exchange exchange) {
        throw new OutOfMemoryError("Java heap space");
    }

    /** The pass ends (failed, not waiting forever), and the guard halts. */
    private void assertHaltsOn(RouteBuilder routes) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(guard.failedExchanges());
            camel.addRoutes(routes);
            camel.start();

            Exchange pass = CompletableFuture.supplyAsync(() -> camel.createProducerTemplate().send("direct:pass",
                    exchange -> exchange.getIn().setBody(Pass.of(new Batch(List.of(
                            new Change("t", "a", ChangeKind.UPSERT, List.of(), false),
                            new Change("t", "b", ChangeKind.UPSERT, List.of(), false)), false))))).get(60, TimeUnit.SECONDS);

            assertThat(pass.getException()).isInstanceOf(FatalErrors.OutOfMemory.class);

            assertThat(halts).as(err()).containsExactly(ExitCodes.OUT_OF_MEMORY);
            assertThat(err()).startsWith("out of memory (Java heap space) in route ");
        }
    }
}

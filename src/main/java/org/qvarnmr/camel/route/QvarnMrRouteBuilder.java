package org.qvarnmr.camel.route;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.TryDefinition;
import org.qvarnmr.camel.engine.BatchApplication;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.DeadLetter;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.Pass;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.Settlement;

/**
 * The routes of one pass ({@code direct:qvarnmr-pass}), each step one call of the engine's {@link
 * BatchApplication}: poll a batch into a {@link Pass} (the body from here on), split it into one exchange
 * per change, route each to the map route of its source type, write the map rows that leave their key once
 * the whole batch is mapped, in waves ({@link Pass#startWave()}), reduce each touched key once in
 * parallel, settle the pass, write its dead letters and acknowledge what it settled. Every split merges its
 * parts into the pass ({@link PassAggregation}). Every one of these routes takes the {@link ErrorPolicy};
 * every step that does work is {@link FatalErrors#guard guarded}. What sends passes is {@link
 * TimerRouteBuilder} (forever mode) or the caller (one-shot mode).
 */
public final class QvarnMrRouteBuilder extends RouteBuilder {
    private final QvarnMrEngine engine;
    private final BatchApplication steps;
    private final WorkerListener listener;

    public QvarnMrRouteBuilder(QvarnMrEngine engine, WorkerListener listener) {
        this.engine = engine;
        this.steps = engine.application();
        this.listener = listener;
    }

    @Override
    public void configure() {
        int threads = engine.settings().threads();
        ExecutorService mapPool = getContext().getExecutorServiceManager().newFixedThreadPool(this, "qvarnmr-map", threads);
        ExecutorService reducePool = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "qvarnmr-reduce", threads);

        from(QvarnMrConstants.PASS).routeId("qvarnmr-pass")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(exchange -> listener.passBegins())
                .process(FatalErrors.guard(exchange -> exchange.getIn().setBody(steps.poll())))
                .process(exchange -> listener.polled(pass(exchange).batch()))
                .split().body(Pass.class, Pass::changes).aggregationStrategy(PassAggregation.MAP)
                    .parallelProcessing().executorService(mapPool)
                    .to(QvarnMrConstants.DISPATCH)
                .end()
                // Waves: a row a wave moved anchors its new key for the next one.
                .loopDoWhile(exchange -> pass(exchange).hasPending())
                    .process(exchange -> exchange.getIn().setBody(pass(exchange).startWave()))
                    .split().body(Pass.class, Pass::waveMoves).aggregationStrategy(PassAggregation.ROW_MOVES)
                        .parallelProcessing().executorService(mapPool)
                        .to(QvarnMrConstants.ROW_MOVES)
                    .end()
                .end()
                .process(exchange -> exchange.getIn().setBody(pass(exchange).startReduce()))
                .split().body(Pass.class, Pass::keys).aggregationStrategy(PassAggregation.REDUCE)
                    .parallelProcessing().executorService(reducePool)
                    .to(QvarnMrConstants.REDUCE)
                .end()
                .to(QvarnMrConstants.ACK)
                .process(exchange -> listener.passDone(exchange.getIn().getBody(PassSummary.class)));

        // Only listened types are polled, so every change finds its map route.
        ChoiceDefinition dispatch = from(QvarnMrConstants.DISPATCH).routeId("qvarnmr-dispatch")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .choice();
        for (String type : engine.listenedTypes()) {
            dispatch.when(exchange -> type.equals(exchange.getIn().getBody(Change.class).sourceType()))
                    .to(QvarnMrConstants.MAP_PREFIX + type);
        }

        // A redelivery may follow a try that wrote some rows: the step then looks for them (retry). Once the
        // context is stopping, no change is mapped any more: Camel's graceful shutdown then waits for the changes
        // in flight, the row moves and reduces of those mapped, not for a whole batch (Pass#left).
        Processor map = FatalErrors.guard(exchange -> exchange.getIn().setBody(exchange.getContext().isStopping()
                ? Pass.NotMapped.STOPPING : steps.map(exchange.getIn().getBody(Change.class), redelivered(exchange))));
        for (String type : engine.listenedTypes()) {
            from(QvarnMrConstants.MAP_PREFIX + type).routeId("qvarnmr-map-" + type)
                    .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                    .process(map);
        }

        from(QvarnMrConstants.ROW_MOVES).routeId("qvarnmr-row-moves")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(FatalErrors.guard(exchange -> exchange.getIn().setBody(
                        steps.moveRows(exchange.getIn().getBody(Pass.RowMoves.class), redelivered(exchange)))));

        from(QvarnMrConstants.REDUCE).routeId("qvarnmr-reduce")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(FatalErrors.guard(exchange -> exchange.getIn().setBody(
                        steps.reduce(exchange.getIn().getBody(KeyRef.class)))));

        // Settling, the dead letters and the DELETEs are separate steps: a redelivered DELETE neither counts
        // the failures again nor writes a dead letter twice. A dead letter is written before its notifications go.
        // A letter that cannot be written keeps its change from the acknowledgement (DeadLetterWriter).
        from(QvarnMrConstants.ACK).routeId("qvarnmr-ack")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(FatalErrors.guard(exchange -> exchange.getIn().setBody(steps.settle(pass(exchange)))))
                .process(exchange -> exchange.setProperty(QvarnMrConstants.UNWRITTEN, ConcurrentHashMap.newKeySet()))
                .split().body(Settlement.class, Settlement::deadLetters).stopOnException()
                    .to(QvarnMrConstants.DEAD_LETTER)
                .end()
                .process(FatalErrors.guard(this::acknowledge));

        DeadLetterWriter letters = new DeadLetterWriter(engine);
        TryDefinition write = from(QvarnMrConstants.DEAD_LETTER).routeId("qvarnmr-dead-letter")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .setProperty(QvarnMrConstants.LETTER, body())
                .marshal().json()
                .process(DeadLetterWriter::name)
                .doTry();
        if (letters.writesFiles()) {
            write.process(letters::write);
        } else {
            write.to(engine.settings().deadLetterUri());
        }
        write.process(letters::written)
                .doCatch(Exception.class)
                    .process(letters::failed)
                .end();
    }

    /**
     * Redelivered alone when a DELETE fails: the settlement is not decided again. The body becomes the
     * pass summary.
     */
    @SuppressWarnings("unchecked")
    private void acknowledge(Exchange exchange) {
        Set<DeadLetter> unwritten = exchange.getProperty(QvarnMrConstants.UNWRITTEN, Set.of(), Set.class);
        exchange.getIn().setBody(steps.acknowledge(exchange.getIn().getBody(Settlement.class), unwritten));
    }

    private static Pass pass(Exchange exchange) {
        return exchange.getIn().getBody(Pass.class);
    }

    /** Whether this exchange tried its step before (a redelivery of the error policy). */
    private static boolean redelivered(Exchange exchange) {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) > 0;
    }
}

package org.qvarnmr.camel.route;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.TryDefinition;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.MapPhase;
import org.qvarnmr.camel.engine.MapResult;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.Settlement;

/**
 * The routes of one pass ({@code direct:qvarnmr-pass}): poll a batch, split it into one exchange per
 * change, route each to the map route of its source type, write the map rows that leave their key once
 * the whole batch is mapped, in waves (knowing which old keys the batch anchors so far), aggregate the
 * touched keys so each is reduced once, reduce them in parallel, let the engine settle the pass, write its
 * dead letters and acknowledge what it settled. Every one of these routes takes the {@link ErrorPolicy}; every
 * step that does work is {@link FatalErrors#guard guarded}. What sends passes is
 * {@link TimerRouteBuilder} (forever mode) or the caller (one-shot mode).
 */
public final class QvarnMrRouteBuilder extends RouteBuilder {
    private final QvarnMrEngine engine;
    private final WorkerListener listener;

    public QvarnMrRouteBuilder(QvarnMrEngine engine, WorkerListener listener) {
        this.engine = engine;
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
                .process(FatalErrors.guard(new PollProcessor(engine)))
                .process(exchange -> listener.polled(exchange.getProperty(QvarnMrConstants.BATCH, Batch.class)))
                .split(body(), new MapPhaseAggregation()).parallelProcessing().executorService(mapPool)
                    .process(QvarnMrRouteBuilder::startChange)
                    .to(QvarnMrConstants.DISPATCH)
                .end()
                .process(QvarnMrRouteBuilder::startRowMoves)
                // Waves: a row a wave moved anchors its new key for the next one (MapPhase.nextWave).
                .loopDoWhile(exchange -> !pendingOf(exchange).isEmpty())
                    .process(QvarnMrRouteBuilder::startWave)
                    .split(body(), new MapPhaseAggregation()).parallelProcessing().executorService(mapPool)
                        .process(QvarnMrRouteBuilder::startMove)
                        .to(QvarnMrConstants.ROW_MOVES)
                    .end()
                    .process(exchange -> exchange.setProperty(QvarnMrConstants.MAPPED, mappedOf(exchange)
                            .plus(phaseOf(exchange))))
                .end()
                .process(QvarnMrRouteBuilder::startReducePhase)
                .split(body(), new ReducePhaseAggregation()).parallelProcessing().executorService(reducePool)
                    .setProperty(QvarnMrConstants.KEY, body())
                    .to(QvarnMrConstants.REDUCE)
                .end()
                .to(QvarnMrConstants.ACK)
                .process(exchange -> listener.passDone(exchange.getIn().getBody(PassSummary.class)));

        // Only listened types are polled, so every change finds its map route.
        ChoiceDefinition dispatch = from(QvarnMrConstants.DISPATCH).routeId("qvarnmr-dispatch")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .choice();
        for (String type : engine.listenedTypes()) {
            dispatch.when(header(QvarnMrConstants.SOURCE_TYPE).isEqualTo(type)).to(QvarnMrConstants.MAP_PREFIX + type);
        }

        Processor map = FatalErrors.guard(new MapProcessor(engine));
        for (String type : engine.listenedTypes()) {
            from(QvarnMrConstants.MAP_PREFIX + type).routeId("qvarnmr-map-" + type)
                    .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                    .process(map);
        }

        from(QvarnMrConstants.ROW_MOVES).routeId("qvarnmr-row-moves")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(FatalErrors.guard(new RowMovesProcessor(engine)));

        from(QvarnMrConstants.REDUCE).routeId("qvarnmr-reduce")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(FatalErrors.guard(new ReduceProcessor(engine)));

        // Settling, the dead letters and the DELETEs are separate steps: a redelivered DELETE neither counts
        // the failures again nor writes a dead letter twice. A dead letter is written before its notifications go.
        // A letter that cannot be written keeps its change from the acknowledgement (DeadLetterWriter).
        from(QvarnMrConstants.ACK).routeId("qvarnmr-ack")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(FatalErrors.guard(new SettleProcessor(engine)))
                .process(exchange -> exchange.setProperty(QvarnMrConstants.UNWRITTEN, ConcurrentHashMap.newKeySet()))
                .split().body(Settlement.class, Settlement::deadLetters).stopOnException()
                    .to(QvarnMrConstants.DEAD_LETTER)
                .end()
                .process(FatalErrors.guard(new AckProcessor(engine)));

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
     * One step, not a setProperty and a simple expression: each step is an error-handler channel that copies
     * the exchange, and a simple expression over the body is evaluated by reflection per change.
     */
    private static void startChange(Exchange exchange) {
        Change change = exchange.getIn().getBody(Change.class);
        exchange.setProperty(QvarnMrConstants.CHANGE, change);
        exchange.getIn().setHeader(QvarnMrConstants.SOURCE_TYPE, change.sourceType());
    }

    /** The change whose rows leaving their key this split part writes: kept for the aggregation if the part fails. */
    private static void startMove(Exchange exchange) {
        exchange.setProperty(QvarnMrConstants.CHANGE, exchange.getIn().getBody(MapResult.class).change());
    }

    /** The changes with rows leaving their key wait in {@code PENDING}; the others are done, in {@code MAPPED}. */
    private static void startRowMoves(Exchange exchange) {
        MapPhase phase = phaseOf(exchange);
        exchange.setProperty(QvarnMrConstants.MAPPED, phase.withoutDeferred());
        exchange.setProperty(QvarnMrConstants.PENDING, phase.deferred());
    }

    /** The body becomes the next wave, written knowing the anchors of everything written so far. */
    private static void startWave(Exchange exchange) {
        MapPhase mapped = mappedOf(exchange);
        List<MapResult> pending = pendingOf(exchange);
        List<MapResult> wave = mapped.nextWave(pending);
        List<MapResult> rest = new ArrayList<>(pending);
        rest.removeAll(wave);
        exchange.setProperty(QvarnMrConstants.PENDING, rest);
        exchange.setProperty(QvarnMrConstants.ANCHORS, mapped.anchors());
        // A split's result carries its first part's headers: a redelivery of the last wave is not one of this.
        exchange.getIn().removeHeaders("CamelRedelivery*");
        exchange.getIn().setBody(wave);
    }

    private static void startReducePhase(Exchange exchange) {
        MapPhase phase = mappedOf(exchange);
        exchange.setProperty(QvarnMrConstants.MAP_PHASE, phase);
        exchange.getIn().setBody(phase.keysToReduce());
    }

    private static MapPhase mappedOf(Exchange exchange) {
        return exchange.getProperty(QvarnMrConstants.MAPPED, MapPhase.EMPTY, MapPhase.class);
    }

    @SuppressWarnings("unchecked")
    private static List<MapResult> pendingOf(Exchange exchange) {
        return exchange.getProperty(QvarnMrConstants.PENDING, List.of(), List.class);
    }

    /** The body as a MapPhase; a split of nothing leaves its (empty) input, which is no phase. */
    private static MapPhase phaseOf(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        return body instanceof MapPhase p ? p : MapPhase.EMPTY;
    }
}

package org.qvarnmr.camel.route;

import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/**
 * The worker's routes. One pass ({@code direct:qvarnmr-pass}) polls a batch, splits it into one exchange
 * per change, routes each to the map route of its source type, aggregates the touched keys so each is
 * reduced once, reduces them in parallel and then acknowledges what fully succeeded. In forever mode
 * timers drive the passes, the resync and the keep-alive; in one-shot mode the caller sends passes.
 * The keep-alive route is left out when another definition of it exists ({@code routes/keep-alive.yaml}).
 */
public final class QvarnMrRouteBuilder extends RouteBuilder {
    private final QvarnMrEngine engine;
    private final boolean forever;
    private final WorkerListener listener;
    private final boolean keepAliveRoute;

    public QvarnMrRouteBuilder(QvarnMrEngine engine, boolean forever, WorkerListener listener) {
        this(engine, forever, listener, forever);
    }

    /** @param keepAliveRoute add the Java keep-alive route (false when a YAML route replaces it) */
    public QvarnMrRouteBuilder(QvarnMrEngine engine, boolean forever, WorkerListener listener,
                               boolean keepAliveRoute) {
        this.engine = engine;
        this.forever = forever;
        this.listener = listener;
        this.keepAliveRoute = keepAliveRoute;
    }

    @Override
    public void configure() {
        int threads = engine.settings().threads();
        ExecutorService mapPool = getContext().getExecutorServiceManager().newFixedThreadPool(this, "qvarnmr-map", threads);
        ExecutorService reducePool = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "qvarnmr-reduce", threads);

        from(QvarnMrConstants.PASS).routeId("qvarnmr-pass")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(new PollProcessor(engine))
                .process(exchange -> listener.polled(exchange.getProperty(QvarnMrConstants.BATCH, Batch.class)))
                .split(body(), new MapPhaseAggregation()).parallelProcessing().executorService(mapPool)
                    .setProperty(QvarnMrConstants.CHANGE, body())
                    .setHeader(QvarnMrConstants.SOURCE_TYPE, simple("${body.sourceType}"))
                    .to(QvarnMrConstants.DISPATCH)
                .end()
                .process(this::startReducePhase)
                .split(body(), new ReducePhaseAggregation()).parallelProcessing().executorService(reducePool)
                    .setProperty(QvarnMrConstants.KEY, body())
                    .to(QvarnMrConstants.REDUCE)
                .end()
                .to(QvarnMrConstants.ACK)
                .process(exchange -> listener.passDone(exchange.getIn().getBody(PassSummary.class)));

        ChoiceDefinition dispatch = from(QvarnMrConstants.DISPATCH).routeId("qvarnmr-dispatch")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .choice();
        for (String type : engine.listenedTypes()) {
            dispatch.when(header(QvarnMrConstants.SOURCE_TYPE).isEqualTo(type)).to(QvarnMrConstants.MAP_PREFIX + type);
        }
        dispatch.otherwise().throwException(IllegalStateException.class, "no map handler for ${body}");

        MapProcessor map = new MapProcessor(engine);
        for (String type : engine.listenedTypes()) {
            from(QvarnMrConstants.MAP_PREFIX + type).routeId("qvarnmr-map-" + type)
                    .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                    .process(map);
        }

        from(QvarnMrConstants.REDUCE).routeId("qvarnmr-reduce")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(new ReduceProcessor(engine));

        from(QvarnMrConstants.ACK).routeId("qvarnmr-ack")
                .routeConfigurationId(QvarnMrConstants.ERROR_POLICY)
                .process(new AckProcessor(engine, getContext().createProducerTemplate()));

        from(QvarnMrConstants.DEAD_LETTER).routeId("qvarnmr-dead-letter")
                .marshal().json()
                .setHeader(Exchange.FILE_NAME, simple("${date:now:yyyyMMdd-HHmmss-SSS}-${exchangeId}.json"))
                .to(engine.settings().deadLetterUri());

        if (forever) {
            // synchronous: the tick waits for its passes; by default the timer fires again while a pass runs on
            // (the parallel splits continue on pool threads), and overlapping passes process notifications twice.
            from("timer:qvarnmr-poll?delay=0&synchronous=true&period=" + engine.settings().pollInterval().toMillis())
                    .routeId("qvarnmr-poll")
                    .setProperty(QvarnMrConstants.MORE, constant(true))
                    .loopDoWhile(exchangeProperty(QvarnMrConstants.MORE).isEqualTo(true))
                        .to(QvarnMrConstants.PASS)
                        .setProperty(QvarnMrConstants.MORE, simple("${body.more}"))
                    .end();

            from("timer:qvarnmr-resync?delay=0&repeatCount=1").routeId("qvarnmr-resync")
                    .loopDoWhile(exchange -> !engine.resyncDone())
                        .process(new ResyncStepProcessor(engine))
                    .end();
        }
        if (keepAliveRoute) {
            KeepAlive keepAlive = new KeepAlive(engine, listener);
            from("timer:qvarnmr-keep-alive?delay=0&period=" + KeepAlive.periodMillis(engine))
                    .routeId(QvarnMrConstants.KEEP_ALIVE_ROUTE)
                    .process(exchange -> keepAlive.refresh());
        }
    }

    private void startReducePhase(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        MapPhase phase = body instanceof MapPhase p ? p : MapPhase.EMPTY;
        exchange.setProperty(QvarnMrConstants.MAP_PHASE, phase);
        exchange.getIn().setBody(phase.keysToReduce());
    }
}

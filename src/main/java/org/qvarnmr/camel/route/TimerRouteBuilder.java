package org.qvarnmr.camel.route;

import java.time.Clock;
import org.apache.camel.builder.RouteBuilder;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;

/**
 * Forever mode's drivers: the poll timer sends passes while there is work, the resync timer walks the
 * automatic resync in steps. Neither takes the {@link ErrorPolicy}, because a tick is never redelivered:
 * the pass it sends went through the policy in {@code qvarnmr-pass} already (redelivering the tick would
 * poll again), a failed resync step waits out the policy's back-off on the timer's next ticks (see
 * {@link ResyncStepProcessor}), and the next tick is the retry.
 */
public final class TimerRouteBuilder extends RouteBuilder {
    private final QvarnMrEngine engine;
    private final Clock clock;

    public TimerRouteBuilder(QvarnMrEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public void configure() {
        long period = engine.settings().pollInterval().toMillis();
        // synchronous: the tick waits for its passes; by default the timer fires again while a pass runs on
        // (the parallel splits continue on pool threads), and overlapping passes process notifications twice.
        from("timer:qvarnmr-poll?delay=0&synchronous=true&period=" + period)
                .routeId("qvarnmr-poll")
                // Again at once while the last batch was full (the tick's body is no summary before the first pass).
                .loopDoWhile(exchange -> !(exchange.getIn().getBody() instanceof PassSummary last) || last.more())
                    .to(QvarnMrConstants.PASS)
                .end();

        ResyncStepProcessor step = new ResyncStepProcessor(engine, clock);
        from("timer:qvarnmr-resync?delay=0&synchronous=true&period=" + period).routeId("qvarnmr-resync")
                .loopDoWhile(exchange -> !engine.resyncDone() && !step.backingOff())
                    .process(FatalErrors.guard(step))
                .end();
    }
}

package org.qvarnmr.camel.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.ChangeKind;
import org.qvarnmr.camel.engine.MapResult;
import org.qvarnmr.camel.engine.Pass;

/**
 * A parallel split merges its parts into the pass its input carries: a failed part is recorded for the
 * change it carried (by its split index), and nothing of a part, such as the redelivery count of the
 * first part, reaches the pass (the next wave's steps would take themselves for redeliveries).
 */
class PassAggregationTest {
    private static Change change(String id) {
        return new Change("reports", id, ChangeKind.UPSERT, List.of(), false);
    }

    /** The first part fails once and is redelivered; the third fails for good. */
    private static void step(Exchange exchange, Map<String, Integer> tries) {
        Change c = exchange.getIn().getBody(Change.class);
        int n = tries.merge(c.resourceId(), 1, Integer::sum);
        if (c.resourceId().equals("first") && n == 1 || c.resourceId().equals("third")) {
            throw new IllegalStateException(c.resourceId() + " fails");
        }
        exchange.getIn().setBody(new MapResult(c, Set.of()));
    }

    @Test
    void shouldRecordTheFailedChangeAndLeaveNoPartsHeadersOnThePass() throws Exception {
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0).logExhausted(false));
                    from("direct:pass")
                            .split().body(Pass.class, Pass::changes).aggregationStrategy(PassAggregation.MAP)
                                .parallelProcessing()
                                .process(exchange -> step(exchange, tries))
                            .end();
                }
            });
            camel.start();

            Exchange pass = camel.createProducerTemplate().send("direct:pass", exchange -> exchange.getIn().setBody(
                    Pass.of(new Batch(List.of(change("first"), change("second"), change("third")), false))));

            assertThat(tries).containsEntry("first", 2);
            assertThat(pass.getException()).isNull();
            Pass result = pass.getIn().getBody(Pass.class);
            assertThat(result.failed()).containsOnlyKeys(change("third"));
            assertThat(result.done()).extracting(MapResult::change).containsExactly(change("first"), change("second"));
            assertThat(pass.getIn().getHeaders()).as("no part's redelivery state").isEmpty();
        }
    }
}

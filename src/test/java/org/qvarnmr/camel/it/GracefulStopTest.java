package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;

/**
 * Stopping (SIGTERM, a bundle stop, a Spring context closing) while a large batch is in flight: the pass maps
 * no more changes, reduces and acknowledges those it mapped, and leaves the rest for the next worker, so
 * Camel's graceful shutdown has to wait for the changes in flight only, not for the whole batch. The handlers
 * are routes, which stay callable until the pass is done.
 */
class GracefulStopTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REPORTS = 20;
    /** The map call that holds the pass until the stop has begun. */
    private static final int HELD_CALL = 3;
    private static final String BINDINGS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {route: direct:slow-map}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: {route: direct:count}}
            """;

    private QvarnMrHarness qvarn;
    private QvarnMr worker;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        qvarn.close();
    }

    private CamelContext context(boolean holding) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:count").routeId("count")
                        .process(exchange -> exchange.getIn().setBody(exchange.getIn().getBody(Map.class).get("rows")))
                        .transform(simple("${body.size}"));
                from("direct:slow-map").routeId("slow-map").process(exchange -> {
                    if (holding && calls.incrementAndGet() == HELD_CALL) {
                        held.countDown();
                        release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    }
                    Map<?, ?> report = exchange.getIn().getBody(Map.class);
                    exchange.getIn().setBody(Map.of("key", report.get("org")));
                });
            }
        });
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(BINDINGS, "slow.yaml");
        // One thread: the changes are mapped one after the other, so the stop finds some mapped and some not.
        worker = QvarnMr.builder(bindings, qvarn.settings(bindings, "qvarn.threads=1", "qvarnmr.poll-interval=20ms"))
                .build().addTo(camel);
        return camel;
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    private int waiting() {
        String listener = qvarn.derived("qvarnmr_listeners").stream()
                .filter(l -> l.get("resource_type").asText().equals("reports")).findFirst().orElseThrow()
                .get("listener_id").asText();
        return qvarn.client().listNotificationIds("reports", listener).size();
    }

    @Test
    void shouldStopMappingAtShutdownAndAcknowledgeOnlyWhatItMapped() throws Exception {
        String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
        CamelContext first = context(true);
        first.start();
        await().atMost(WAIT).until(() -> worker.engine().resyncDone()); // no resync page maps a report
        for (int i = 0; i < REPORTS; i++) { // one batch: the worker polls them together once the first is held
            qvarn.create("reports", "{\"org\": \"" + org + "\"}");
        }
        assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a pass maps the reports").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::stop);
        await().atMost(WAIT).until(first::isStopping);
        release.countDown();
        stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(first.getShutdownStrategy().isTimeoutOccurred()).as("the stop waited for the pass").isFalse();
        int mapped = calls.get();
        assertThat(mapped).as("no change mapped after the stop began but the one in flight").isEqualTo(HELD_CALL);
        assertThat(count(org)).as("the changes it mapped are reduced").isEqualTo(mapped);
        assertThat(waiting()).as("only those are acknowledged").isEqualTo(REPORTS - mapped);
        assertThat(worker.engine().hasRetriesPending()).as("a change left for the next pass is no failed attempt")
                .isFalse();
        assertThat(qvarn.deadLetters()).isEmpty();

        CamelContext next = context(false);
        next.start();
        try {
            await().atMost(WAIT).until(() -> count(org) == REPORTS);
            await().atMost(WAIT).until(() -> waiting() == 0);
        } finally {
            next.stop();
        }
        assertThat(qvarn.derived("reports_counts__map")).hasSize(REPORTS);
    }
}

package org.qvarnmr.camel.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.support.LRUCacheFactory;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.PassSummary;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.Listeners;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * The worker's routes under Camel Main, with the poll and resync timers turned into {@code direct:}
 * endpoints: each message sent is one tick, run to its end before the send returns.
 */
@CamelMainTest(replaceRouteFromWith = {"qvarnmr-poll=direct:tick", "qvarnmr-resync=direct:resync"})
class PassRouteTest {
    private static final String MAP_FAILS = Bindings.MAP_FAILS_ON_BOOM;

    private final QvarnMrHarness qvarn = TestQvarn.perTest();
    private QvarnMrEngine engine;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeanInject
    CamelContext camel;

    @EndpointInject("mock:dead-letters")
    MockEndpoint deadLetters;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(new DefaultCamelContext())).parse(MAP_FAILS, "map-fails.yaml");
        WorkerSettings settings = qvarn.settings(bindings, "qvarnmr.retry.max-attempts=1",
                "qvarnmr.dead-letter-uri=mock:dead-letters");
        engine = new QvarnMrEngine(qvarn.client(), bindings, settings, "route-test/1", Clock.systemUTC(), pool,
                LRUCacheFactory::newLRUCache);
        engine.start();
        WorkerListener listener = owner -> { };
        configuration.addRoutesBuilder(new ErrorPolicy(settings.retry()));
        configuration.addRoutesBuilder(new QvarnMrRouteBuilder(engine, listener));
        configuration.addRoutesBuilder(new TimerRouteBuilder(engine, Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        engine.close();
        pool.shutdownNow();
        qvarn.close();
    }

    private PassSummary tick(ProducerTemplate template) {
        template.sendBody("direct:resync", null);
        return template.requestBody("direct:tick", null, PassSummary.class);
    }

    @Test
    void shouldReduceAndAcknowledgeEveryChangeOfATick() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");

        try (ProducerTemplate template = camel.createProducerTemplate()) {
            PassSummary pass = tick(template);

            assertThat(pass.acknowledged()).isEqualTo(2);
            assertThat(qvarn.derivedByKey("reports_counts").get("a").get("_mr_value").asInt()).isEqualTo(2);
            assertThat(tick(template).changes()).as("the notifications are deleted").isZero();
        }
    }

    @Test
    void shouldSendAChangeThatFailedItsLastAttemptToTheDeadLetterEndpointBeforeAcknowledgingIt() throws Exception {
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        deadLetters.expectedMessageCount(1);
        deadLetters.message(0).body(String.class).contains("\"resourceId\":\"" + boom + "\"");
        // What Qvarn still holds at the moment the letter arrives: its notification must not be gone yet.
        List<List<String>> pendingAtTheLetter = new CopyOnWriteArrayList<>();
        deadLetters.whenAnyExchangeReceived(exchange -> pendingAtTheLetter.add(Listeners.pending(qvarn, "reports")));

        try (ProducerTemplate template = camel.createProducerTemplate()) {
            PassSummary pass = tick(template);

            deadLetters.assertIsSatisfied();
            assertThat(pass.deadLettered()).isEqualTo(1);
            assertThat(pendingAtTheLetter).as("the change's notification while its letter was written")
                    .singleElement().satisfies(ids -> assertThat(ids).hasSize(1));
            assertThat(Listeners.pending(qvarn, "reports")).as("acknowledged after the letter").isEmpty();
            assertThat(tick(template).changes()).as("acknowledged once dead-lettered").isZero();
        }
    }
}

package org.qvarnmr.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** The qvarn: consumer: its listener, one exchange per notification, deletion after success, greedy draining. */
@QvarnMrTest
class QvarnConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FAST = "&delay=50&initialDelay=0";

    private QvarnMrHarness qvarn;
    private CamelContext camel;

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    private MockEndpoint start(String from) throws Exception {
        return start(from, e -> { });
    }

    /** A route from {@code from} through {@code step} to mock:changes, in a new context on the embedded Qvarn. */
    private MockEndpoint start(String from, Processor step) throws Exception {
        camel = new DefaultCamelContext();
        camel.getComponent("qvarn", QvarnComponent.class).setBaseUrl(qvarn.baseUrl().toString());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("consumer").process(step).to("mock:changes");
            }
        });
        camel.start();
        return camel.getEndpoint("mock:changes", MockEndpoint.class);
    }

    private List<String> pending(String listenerId) {
        return qvarn.client().listNotificationIds("orgs", listenerId);
    }

    private String listenerOf(String name) {
        return new ListenerRegistry(qvarn.client(), QvarnConsumer.RECORD_PREFIX + name).ensure(List.of("orgs")).get(0)
                .listenerId();
    }

    @Test
    void shouldDeliverEachChangeWithItsHeadersAndResumeItsListenerAfterARestart() throws Exception {
        MockEndpoint changes = start("qvarn:orgs?listener=audit" + FAST);
        await().atMost(WAIT).until(() -> qvarn.derived("qvarnmr_listeners").size() == 1);
        String id = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");

        await().atMost(WAIT).until(() -> changes.getReceivedCounter() == 1);
        Exchange created = changes.getExchanges().get(0);
        assertThat(created.getMessage().getHeader(QvarnConstants.RESOURCE_ID)).isEqualTo(id);
        assertThat(created.getMessage().getHeader(QvarnConstants.RESOURCE_CHANGE)).isEqualTo("created");
        assertThat(created.getMessage().getHeader(QvarnConstants.REVISION))
                .isEqualTo(qvarn.get("orgs", id).get("revision").asText());
        assertThat(created.getMessage().getBody(ObjectNode.class).get("resource_id").asText()).isEqualTo(id);
        ObjectNode record = qvarn.derived("qvarnmr_listeners").get(0);
        assertThat(record.get("instance").asText()).as("never a worker's instance name").isEqualTo("camel:audit");
        String listenerId = record.get("listener_id").asText();
        await().atMost(WAIT).until(() -> pending(listenerId).isEmpty());

        camel.stop();
        qvarn.delete("orgs", id); // while the route is stopped
        MockEndpoint again = start("qvarn:orgs?listener=audit" + FAST);

        await().atMost(WAIT).until(() -> again.getReceivedCounter() == 1);
        assertThat(again.getExchanges().get(0).getMessage().getHeader(QvarnConstants.RESOURCE_CHANGE))
                .isEqualTo("deleted");
        assertThat(qvarn.derived("qvarnmr_listeners")).singleElement()
                .satisfies(r -> assertThat(r.get("listener_id").asText()).isEqualTo(listenerId));
    }

    @Test
    void shouldKeepTheNotificationOfAFailedExchangeUntilOneSucceeds() throws Exception {
        String listenerId = listenerOf("flaky");
        String id = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
        AtomicInteger attempts = new AtomicInteger();
        MockEndpoint changes = start("qvarn:orgs?listener=flaky" + FAST, e -> {
            if (attempts.incrementAndGet() < 3) {
                assertThat(pending(listenerId)).as("kept while failing").hasSize(1);
                throw new IllegalStateException("handler down");
            }
        });

        await().atMost(WAIT).until(() -> changes.getReceivedCounter() == 1);
        assertThat(attempts).as("polled again after each failure").hasValue(3);
        assertThat(changes.getExchanges().get(0).getMessage().getHeader(QvarnConstants.RESOURCE_ID)).isEqualTo(id);
        await().atMost(WAIT).until(() -> pending(listenerId).isEmpty());
    }

    @Test
    void shouldDeleteEvenAFailedOneWithDeleteAfterAlways() throws Exception {
        String listenerId = listenerOf("once");
        qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
        AtomicInteger attempts = new AtomicInteger();
        start("qvarn:orgs?listener=once&deleteAfter=always" + FAST, e -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("handler down");
        });

        await().atMost(WAIT).until(() -> attempts.get() == 1 && pending(listenerId).isEmpty());
    }

    @Test
    void shouldDrainMoreThanOneBatchPerPollWhenGreedy() throws Exception {
        String listenerId = listenerOf("greedy");
        for (int i = 0; i < 5; i++) {
            qvarn.create("orgs", "{\"names\": [\"Org " + i + "\"]}");
        }

        // one scheduled poll in the test's time (the next is an hour away), two notifications per batch
        MockEndpoint changes = start("qvarn:orgs?listener=greedy&greedy=true&maxMessagesPerPoll=2&initialDelay=0"
                + "&delay=3600000");

        await().atMost(WAIT).until(() -> changes.getReceivedCounter() == 5);
        assertThat(changes.getExchanges()).extracting(e -> e.getProperty(Exchange.BATCH_SIZE, Integer.class))
                .containsExactly(2, 2, 2, 2, 1);
        await().atMost(WAIT).until(() -> pending(listenerId).isEmpty());
    }
}

package org.qvarnmr.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.route.DerivedChange;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;

/**
 * The components beside a worker embedded in an application's context: qvarnmr:derived and the older
 * direct:qvarnmr-derived both get every derived write, and qvarn: endpoints without a baseUrl use the
 * worker's qvarn.* settings.
 */
class EmbeddedWorkerComponentsTest {
    private QvarnMrHarness qvarn;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start();
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void stop() {
        camel.stop();
        qvarn.close();
    }

    @Test
    void shouldAnnounceToBothDerivedEndpointsAndLendTheWorkersSettingsToQvarnEndpoints() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("qvarnmr:derived").routeId("new-form").to("mock:new");
                from("direct:qvarnmr-derived").routeId("old-form").to("mock:old");
                from("direct:org").to("qvarn:orgs");
            }
        });
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel))
                .parse(Bindings.README_BINDINGS, "embedded.yaml");
        QvarnMr.builder(bindings, qvarn.settings(bindings, "qvarnmr.instance=embedded")).build().addTo(camel);
        camel.start();

        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derivedByKey("reports_counts").containsKey(a));

        MockEndpoint newForm = camel.getEndpoint("mock:new", MockEndpoint.class);
        MockEndpoint oldForm = camel.getEndpoint("mock:old", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> newForm.getReceivedCounter() > 0
                && newForm.getReceivedCounter() == oldForm.getReceivedCounter());
        Exchange first = newForm.getExchanges().get(0);
        assertThat(first.getMessage().getBody(DerivedChange.class).instance()).isEqualTo("embedded");
        assertThat(first.getMessage().getHeader(DerivedHeaders.KEY)).isEqualTo(a);
        var olds = oldForm.getExchanges().stream().map(e -> e.getMessage().getBody(DerivedChange.class)).toList();
        var news = newForm.getExchanges().stream().map(e -> e.getMessage().getBody(DerivedChange.class)).toList();
        int both = Math.min(olds.size(), news.size()); // a later write may be between the two sends
        assertThat(news.subList(0, both)).as("the same writes, in the same order").isEqualTo(olds.subList(0, both));

        ObjectNode org = camel.createProducerTemplate().requestBody("direct:org", a, ObjectNode.class);
        assertThat(org.get("names").get(0).asText()).isEqualTo("A");
    }
}

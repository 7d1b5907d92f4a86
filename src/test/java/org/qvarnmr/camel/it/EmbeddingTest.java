package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.route.DerivedChange;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.QvarnMr;

/** The worker added to an application's own CamelContext, beside its unrelated routes. */
class EmbeddingTest {
    private QvarnMrHarness qvarn;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        qvarn = TestQvarn.start();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:greet").routeId("greet").transform(simple("hello ${body}"));
            }
        });
    }

    @AfterEach
    void stop() {
        camel.stop();
        qvarn.close();
    }

    private QvarnMr worker() {
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(Bindings.README_BINDINGS, "embedded.yaml");
        return QvarnMr.builder(bindings, qvarn.settings(bindings, "qvarnmr.instance=embedded")).build();
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    private List<String> owners() {
        return qvarn.derived("qvarnmr_listeners").stream()
                .map(r -> r.get("owner").isNull() ? null : r.get("owner").asText()).toList();
    }

    @Test
    void shouldProcessChangesInAContextWithOtherRoutes() throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        QvarnMr worker = worker().addTo(camel);

        camel.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 1);
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 2);
        assertThat(qvarn.derivedByKey("company_reports")).containsKey(a);
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            assertThat(template.requestBody("direct:greet", "world", String.class)).isEqualTo("hello world");
        }
        assertThat(owners()).containsOnly(worker.engine().ownership().signature());
        assertThat(camel.getRoute("qvarnmr-keep-alive")).as("the Java keep-alive route").isNotNull();
    }

    @Test
    void shouldReleaseOwnershipWhenTheContextStops() throws Exception {
        QvarnMr worker = worker().addTo(camel);
        camel.start();
        assertThat(owners()).containsOnly(worker.engine().ownership().signature());

        camel.stop();

        assertThat(owners()).as("cleared for the next worker").containsOnlyNulls();
    }

    @Test
    void shouldJoinAContextThatIsAlreadyRunning() throws Exception {
        camel.start();
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");

        worker().addTo(camel);

        await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 1);
    }

    @Test
    void shouldAnnounceEveryDerivedWriteToARouteThatConsumesIt() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:qvarnmr-derived").routeId("derived").to("mock:derived");
            }
        });
        worker().addTo(camel);
        camel.start();
        MockEndpoint derived = camel.getEndpoint("mock:derived", MockEndpoint.class);

        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        String r = qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 1);
        qvarn.delete("reports", r);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 0);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<DerivedChange> changes = derived.getExchanges().stream()
                    .map(e -> e.getIn().getBody(DerivedChange.class)).toList();
            assertThat(changes).extracting(DerivedChange::type, DerivedChange::key, DerivedChange::operation)
                    .contains(org.assertj.core.groups.Tuple.tuple("company_reports__map", a, "create"),
                            org.assertj.core.groups.Tuple.tuple("reports_counts__map", a, "create"),
                            org.assertj.core.groups.Tuple.tuple("reports_counts", a, "create"),
                            org.assertj.core.groups.Tuple.tuple("reports_counts", a, "delete"),
                            org.assertj.core.groups.Tuple.tuple("reports_counts__map", a, "delete"));
            assertThat(changes).allSatisfy(c -> {
                assertThat(c.id()).isNotBlank();
                assertThat(c.instance()).isEqualTo("embedded");
            });
        });
        var first = derived.getExchanges().get(0).getIn();
        assertThat(first.getHeader("QvarnMrDerivedType")).isEqualTo(first.getBody(DerivedChange.class).type());
    }
}

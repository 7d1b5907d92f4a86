package org.qvarnmr.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.QvarnConflictException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** The qvarn: producer's operations against the embedded Qvarn, and its typed failures in Camel's error handler. */
@QvarnMrTest
class QvarnProducerTest {
    private QvarnMrHarness qvarn;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.getComponent("qvarn", QvarnComponent.class).setBaseUrl(qvarn.baseUrl().toString());
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void shouldCreateGetUpdateAndDelete() {
        ObjectNode created = template.requestBody("qvarn:orgs?operation=create", "{\"names\": [\"Acme\"]}",
                ObjectNode.class);
        String id = created.get("id").asText();
        assertThat(qvarn.get("orgs", id).get("names").get(0).asText()).isEqualTo("Acme");

        ObjectNode got = template.requestBodyAndHeader("qvarn:orgs", null, QvarnConstants.RESOURCE_ID, id,
                ObjectNode.class);
        assertThat(got.get("revision").asText()).isEqualTo(created.get("revision").asText());

        Exchange updated = template.request("qvarn:orgs?operation=update",
                e -> e.getMessage().setBody(Map.of("id", id, "names", List.of("Acme Oy")))); // no revision: fetched
        assertThat(updated.getException()).isNull();
        assertThat(updated.getMessage().getHeader(QvarnConstants.REVISION)).isNotEqualTo(created.get("revision").asText());
        assertThat(qvarn.get("orgs", id).get("names").get(0).asText()).isEqualTo("Acme Oy");

        template.requestBody("qvarn:orgs?operation=delete", id);
        assertThat(qvarn.client().find("orgs", id)).isEmpty();
    }

    @Test
    void shouldListAndSearchAsNodesOrMaps() {
        String a = qvarn.create("orgs", "{\"names\": [\"Acme\"], \"country\": \"FI\"}");
        String b = qvarn.create("orgs", "{\"names\": [\"Bolt\"], \"country\": \"SE\"}");

        assertThat(template.requestBody("qvarn:orgs?operation=list", null, List.class)).containsExactlyInAnyOrder(a, b);
        List<?> found = template.requestBody("qvarn:orgs?operation=search&search=exact/country/fi/show/names", null,
                List.class);
        assertThat(found).hasSize(1).first().isInstanceOf(ObjectNode.class);
        assertThat(((ObjectNode) found.get(0)).get("id").asText()).isEqualTo(a);

        List<?> maps = template.requestBodyAndHeader("qvarn:orgs?operation=search&outputType=map", null,
                QvarnConstants.SEARCH, "startswith/names/bo/show_all", List.class);
        assertThat(maps).singleElement().isInstanceOfSatisfying(Map.class,
                m -> assertThat(m.get("names")).isEqualTo(List.of("Bolt")));
    }

    @Test
    void shouldSearchForAValueHoldingASlashWhenPercentEncoded() {
        String a = qvarn.create("orgs", "{\"names\": [\"A/S Nord\"]}");

        List<?> found = template.requestBody("qvarn:orgs?operation=search&search=exact/names/A%252FS%20Nord", null,
                List.class);

        assertThat(found).extracting(n -> ((ObjectNode) n).get("id").asText()).containsExactly(a);
    }

    @Test
    void shouldThrowTheTypedNotFoundException() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("qvarn:orgs", null, QvarnConstants.RESOURCE_ID, "nope"))
                .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(QvarnNotFoundException.class);
    }

    @Test
    void shouldLetOnExceptionCatchAConflict() throws Exception {
        String id = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
        String stale = qvarn.get("orgs", id).get("revision").asText();
        qvarn.update("orgs", id, "{\"names\": [\"Acme Oy\"]}");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(QvarnConflictException.class).handled(true)
                        .setBody(simple("conflict: ${exception.currentRevision}"));
                from("direct:rename").to("qvarn:orgs?operation=update");
            }
        });

        String answer = template.requestBody("direct:rename",
                "{\"id\": \"" + id + "\", \"revision\": \"" + stale + "\", \"names\": [\"Stale\"]}", String.class);

        assertThat(answer).startsWith("conflict: ");
        assertThat(qvarn.get("orgs", id).get("names").get(0).asText()).isEqualTo("Acme Oy");
    }

    @Test
    void shouldSayWhatIsWrongWithABody() {
        assertThatThrownBy(() -> template.requestBody("qvarn:orgs?operation=create", "[1, 2]"))
                .hasRootCauseMessage("qvarn:orgs create: the body must be a JSON object, not a JSON ARRAY");
        assertThatThrownBy(() -> template.requestBody("qvarn:orgs?operation=search&search=exact/names", (Object) null))
                .hasRootCauseMessage("search 'exact/names': 'names' lacks a value after it");
        assertThatThrownBy(() -> template.requestBody("qvarn:orgs", (Object) null))
                .hasRootCauseMessage("qvarn:orgs get: no id: set the QvarnResourceId header or send the id as the body");
    }

    @Test
    void shouldSayWhatAnEndpointLacks() throws Exception {
        try (CamelContext bare = new DefaultCamelContext()) {
            bare.start();
            assertThatThrownBy(() -> bare.createProducerTemplate().requestBody("qvarn:orgs", "some-id"))
                    .hasRootCauseMessage("the qvarn component has no baseUrl: set it (camel.component.qvarn.base-url in "
                            + "application.properties, or QvarnComponent.setBaseUrl), or run the routes beside the "
                            + "worker, whose qvarn.base-url it then uses");
            bare.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("qvarn:orgs").to("log:x");
                }
            });
        } catch (Exception e) {
            assertThat(e).hasRootCauseMessage("a qvarn: consumer needs listener=NAME (the name its Qvarn listener is "
                    + "remembered by), e.g. from: qvarn:orgs?listener=my-route");
            return;
        }
        throw new AssertionError("a consumer without listener= started");
    }
}

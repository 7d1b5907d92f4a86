package org.qvarnmr.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.QvarnUnauthorizedException;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * The component's options as Camel binds them (camel.component.qvarn.* in Camel Main): OAuth2 client
 * credentials on the shared client, and a secret that never shows in the component or a failure.
 */
class QvarnComponentAuthTest {
    private static final String SECRET = "component-s3cret";

    private QvarnMrHarness qvarn;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        qvarn = QvarnMrHarness.builder().resourceTypes(java.nio.file.Path.of("config", "resource-types")).auth("routes", SECRET)
                .start();
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void stop() {
        camel.stop();
        qvarn.close();
    }

    private ProducerTemplate configured(String secret) {
        QvarnComponent component = camel.getComponent("qvarn", QvarnComponent.class);
        PropertyBindingSupport.build().bind(camel, component, new java.util.HashMap<>(Map.of("base-url", qvarn.baseUrl().toString(),
                "client-id", "routes", "client-secret", secret, "scope", "uapi_orgs_post uapi_orgs_id_get")));
        camel.start();
        return camel.createProducerTemplate();
    }

    @Test
    void shouldAuthenticateWithTheBoundCredentials() {
        ProducerTemplate template = configured(SECRET);

        ObjectNode created = template.requestBody("qvarn:orgs?operation=create", "{\"names\": [\"Acme\"]}",
                ObjectNode.class);

        assertThat(template.requestBody("qvarn:orgs", created.get("id").asText(), ObjectNode.class).get("names"))
                .hasToString("[\"Acme\"]");
    }

    @Test
    void shouldNeverShowTheSecret() {
        ProducerTemplate template = configured("wrong-" + SECRET);
        QvarnComponent component = camel.getComponent("qvarn", QvarnComponent.class);

        assertThat(component.clientSecret()).hasToString("****");
        assertThat(component.clientSettings().toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> template.requestBody("qvarn:orgs", "some-id"))
                .hasCauseInstanceOf(QvarnUnauthorizedException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(SECRET));
    }
}

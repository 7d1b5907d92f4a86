package org.qvarnmr.camel.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingException;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.karaf.QvarnMrBlueprintSupport.State;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;
import org.qvarnmr.camel.qvarn.server.Faults;

/**
 * The worker as Blueprint runs it: a started CamelContext it does not own, settings as ConfigAdmin
 * properties, forever mode, against a real (embedded) Qvarn.
 */
class QvarnMrBlueprintSupportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private EmbeddedQvarn qvarn;
    private QvarnClient client;
    private CamelContext camel;

    @BeforeEach
    void start() {
        qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types")).build().start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()));
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        client.close();
        qvarn.close();
    }

    private Map<String, Object> properties(String baseUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put("qvarn.base-url", baseUrl);
        p.put("qvarnmr.instance", "karaf");
        p.put("qvarnmr.handlers", Path.of("config", "handlers.yaml").toAbsolutePath().toString());
        p.put("qvarnmr.poll-interval", "20ms");
        p.put("qvarnmr.retry.delay", "20ms");
        p.put("qvarnmr.retry.max-delay", "100ms");
        p.put("qvarnmr.keep-alive-update-interval", "1");
        p.put("qvarnmr.keep-alive-timeout", "5");
        p.put("qvarn.token-url", ""); // blank: the default applies
        return p;
    }

    private String create(String type, String field, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (field.equals("names")) {
            body.putArray("names").add(value);
        } else {
            body.put(field, value);
        }
        return client.create(type, body).get("id").asText();
    }

    private long count(String org) {
        return client.search(Search.on("reports_counts").showAll()).stream()
                .filter(r -> org.equals(r.path("_mr_key").asText()))
                .mapToLong(r -> r.path("_mr_value").asLong()).sum();
    }

    @Test
    void shouldKeepDerivedTypesInSyncUntilClosed() {
        String org = create("orgs", "names", "Acme Oy");
        create("reports", "org", org);
        QvarnMrBlueprintSupport worker = new QvarnMrBlueprintSupport(camel, properties(qvarn.baseUrl().toString()));

        worker.start();
        await().atMost(WAIT).until(() -> count(org) == 1); // the initial resync
        create("reports", "org", org);
        await().atMost(WAIT).until(() -> count(org) == 2); // a notification

        assertThat(worker.state()).isEqualTo(State.RUNNING);
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains("qvarnmr-pass", "qvarnmr-poll");
        worker.close();
        assertThat(camel.getRoutes()).isEmpty();
        assertThat(client.search(Search.on("qvarnmr_listeners").showAll()))
                .allSatisfy(l -> assertThat(l.path("owner").isNull() || l.path("owner").asText().isEmpty()).isTrue());
        assertThat(worker.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void shouldStayIdleWithoutBaseUrl() {
        Map<String, Object> p = properties("");
        QvarnMrBlueprintSupport worker = new QvarnMrBlueprintSupport(camel, p);

        worker.start();

        assertThat(worker.state()).isEqualTo(State.NOT_CONFIGURED);
        assertThat(camel.getRoutes()).isEmpty();
        worker.close();
    }

    @Test
    void shouldFailTheStartOnInvalidBindingsOrSettings() {
        Map<String, Object> badBindings = properties(qvarn.baseUrl().toString());
        badBindings.put("qvarnmr.handlers", "/no/such/handlers.yaml");
        assertThatThrownBy(() -> new QvarnMrBlueprintSupport(camel, badBindings).start())
                .isInstanceOf(BindingException.class).hasMessageContaining("/no/such/handlers.yaml: file not found");

        Map<String, Object> badSetting = properties(qvarn.baseUrl().toString());
        badSetting.put("qvarnmr.batch-size", "many");
        assertThatThrownBy(() -> new QvarnMrBlueprintSupport(camel, badSetting).start())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'many' for qvarnmr.batch-size (ConfigAdmin PID org.qvarnmr.camel)");
    }

    @Test
    void shouldStayIdleWhenAnotherWorkerOwnsTheInstance() {
        QvarnMrBlueprintSupport first = new QvarnMrBlueprintSupport(camel, properties(qvarn.baseUrl().toString()));
        first.start();
        await().atMost(WAIT).until(() -> first.state() == State.RUNNING);
        CamelContext other = new DefaultCamelContext();
        other.start();
        try {
            QvarnMrBlueprintSupport second = new QvarnMrBlueprintSupport(other, properties(qvarn.baseUrl().toString()));

            second.start();

            await().atMost(WAIT).until(() -> second.state() != State.STARTING);
            assertThat(second.state()).isEqualTo(State.OWNED_ELSEWHERE);
            assertThat(other.getRoutes()).isEmpty();
            second.close();
            assertThat(first.state()).as("closing the idle worker leaves the owner alone").isEqualTo(State.RUNNING);
        } finally {
            other.stop();
            first.close();
        }
    }

    @Test
    void shouldWaitForQvarnToComeUp() {
        // Not up yet: its port is bound (port 0, so no other process can take it meanwhile) but every
        // connection is dropped unanswered; "coming up" is the fault being lifted.
        try (EmbeddedQvarn late = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .build().start()) {
            late.faults().refuseConnectionsFor(Duration.ofHours(1));
            QvarnMrBlueprintSupport worker = new QvarnMrBlueprintSupport(camel, properties(late.baseUrl().toString()));
            worker.start();
            await().atMost(WAIT).until(() -> late.faults().injected(Faults.Kind.REFUSED) > 0);
            assertThat(worker.state()).isEqualTo(State.STARTING);

            late.faults().clear();
            await().atMost(WAIT).until(() -> worker.state() == State.RUNNING);
            worker.close();
        }
    }
}

package org.qvarnmr.camel.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.karaf.QvarnMrBlueprintSupport;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** A setting accepted under one runner works under all of them, or is refused with a message. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class QvarnMrHostTest {
    private QvarnMrHarness qvarn;

    private HandlerBindings bindings() {
        return new BindingsLoader(CamelHandlerResolver.of(new DefaultCamelContext())).parse(Bindings.README_BINDINGS, "handlers.yaml");
    }

    private Map<String, Object> karafProperties(String... extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        p.put("qvarnmr.instance", "karaf");
        p.put("qvarnmr.handlers", Path.of("config", "handlers.yaml").toAbsolutePath().toString());
        p.put("qvarnmr.poll-interval", "20ms");
        for (String s : extra) {
            String[] kv = s.split("=", 2);
            p.put(kv[0], kv[1]);
        }
        return p;
    }

    @Test
    void shouldRefuseManagementServerSettingsUnderKaraf() {
        CamelContext camel = new DefaultCamelContext();
        QvarnMrBlueprintSupport karaf = new QvarnMrBlueprintSupport(camel,
                karafProperties("qvarnmr.management.port=9999"));

        assertThatThrownBy(karaf::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.management.port: not supported under Karaf");
    }

    @Test
    void shouldRefuseStandbyInAnEmbeddedWorker() {
        assertThatThrownBy(() -> QvarnMr.builder(bindings(), qvarn.settings(bindings(), "qvarnmr.standby=yes")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("qvarnmr.standby=yes: not supported in an embedded worker");
    }

    @Test
    void shouldRefuseCamelKeysInAnEmbeddedWorker() {
        assertThatThrownBy(() -> QvarnMr.builder(bindings(),
                qvarn.settings(bindings(), "camel.main.name=x")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("camel.main.name: not supported");
    }

    @Test
    void shouldAcceptEverySettingUnderCamelMain() {
        QvarnMr worker = QvarnMr.builder(bindings(), qvarn.settings(bindings(), "qvarnmr.standby=yes",
                "qvarnmr.management.enabled=yes", "camel.main.name=x")).host(QvarnMr.Host.CAMEL_MAIN).build();

        assertThat(worker.settings().operations().standby()).isTrue();
        worker.close();
    }

    @Test
    void shouldRunTheMaintenanceRoutesAndHealthCheckUnderKarafToo() {
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        QvarnMrBlueprintSupport karaf = new QvarnMrBlueprintSupport(camel,
                karafProperties("qvarnmr.reconcile.cron=0 0 3 * * ?", "qvarnmr.progress-interval=1"));
        try {
            karaf.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> karaf.state() == QvarnMrBlueprintSupport.State.RUNNING);

            assertThat(camel.getRoutes()).extracting(Route::getRouteId)
                    .contains("qvarnmr-progress", "qvarnmr-reconcile", "qvarnmr-keep-alive", "qvarnmr-poll");
            // The worker's health check is registered in the bundle's context and reports the running worker.
            await().atMost(Duration.ofSeconds(30)).until(() -> HealthCheckHelper.invoke(camel).stream()
                    .anyMatch(r -> r.getCheck().getId().equals("qvarnmr-worker") && r.getState() == HealthCheck.State.UP));
        } finally {
            karaf.close();
            camel.stop();
        }
        assertThat(camel.getRoutes()).isEmpty();
    }

    /** The sequence docs/architecture.md shows for an application or a bundle activator. */
    @Test
    void shouldRunTheDocumentedSequenceInAContextThatLivesOn() throws Exception {
        CamelContext camelContext = new DefaultCamelContext();
        camelContext.start();
        try {
            QvarnMr worker = QvarnMr.builder(bindings(), qvarn.settings(bindings())).host(QvarnMr.Host.EMBEDDED).build();
            worker.start();
            worker.addTo(camelContext);
            qvarn.create("reports", "{\"org\": \"a\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derivedByKey("reports_counts").containsKey("a"));

            worker.removeFrom(camelContext);
            worker.close();

            assertThat(camelContext.getRoutes()).isEmpty();
            assertThat(qvarn.derived("qvarnmr_listeners"))
                    .allSatisfy(l -> assertThat(l.path("owner").asText("")).isEmpty());
        } finally {
            camelContext.stop();
        }
    }
}

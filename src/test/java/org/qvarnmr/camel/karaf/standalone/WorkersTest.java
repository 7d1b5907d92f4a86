package org.qvarnmr.camel.karaf.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * What the activator does with ConfigAdmin's calls, outside OSGi (the class loader is the test's), against
 * the embedded Qvarn. {@code KarafStandaloneIT} runs the same in a real Karaf.
 */
class WorkersTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path etc;
    private EmbeddedQvarn qvarn;
    private QvarnClient client;
    private Workers workers;
    private DemoRows demo;

    @BeforeEach
    void start() throws IOException {
        qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types")).build().start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()));
        demo = new DemoRows(client);
        workers = new Workers(getClass().getClassLoader(), etc.toString());
        String handlers = Files.readString(Path.of("config", "handlers.yaml"));
        Files.writeString(etc.resolve("qvarnmr-handlers.yaml"), handlers);
        Files.writeString(etc.resolve("v2.yaml"), handlers.replace(
                "reports_counts__map: {type: reduce, version: 1,", "reports_counts__map: {type: reduce, version: 2,"));
    }

    @AfterEach
    void stop() {
        workers.close();
        client.close();
        qvarn.close();
    }

    private Hashtable<String, Object> config(String instance) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("qvarn.base-url", qvarn.baseUrl().toString());
        p.put("qvarnmr.instance", instance);
        p.put("qvarnmr.poll-interval", "20ms");
        p.put("qvarnmr.keep-alive-update-interval", "1");
        p.put("qvarnmr.keep-alive-timeout", "5");
        return p;
    }

    @Test
    void shouldRestartTheWorkerWhenItsConfigurationChanges() {
        String org = demo.org("Acme Oy");
        demo.report(org);
        workers.update("org.qvarnmr.camel", config("karaf"));
        await().atMost(WAIT).until(() -> demo.version(org) == 1);

        Hashtable<String, Object> changed = config("karaf");
        changed.put("qvarnmr.handlers", "v2.yaml");
        workers.update("org.qvarnmr.camel", changed);

        await().atMost(WAIT).until(() -> demo.version(org) == 2); // the new worker resyncs the new version
        demo.report(org);
        await().atMost(WAIT).until(() -> demo.count(org) == 2);
    }

    @Test
    void shouldRunOneWorkerPerConfigurationAndClearOwnershipWhenClosed() {
        workers.update("org.qvarnmr.camel~a", config("a"));
        workers.update("org.qvarnmr.camel~b", config("b"));
        await().atMost(WAIT).until(() -> demo.owners("a").size() == 2 && demo.owners("b").size() == 2);
        assertThat(demo.owners("a")).allSatisfy(o -> assertThat(o).endsWith(" karaf:org.qvarnmr.camel~a"));

        workers.close();

        assertThat(demo.owners("a")).isEmpty();
        assertThat(demo.owners("b")).isEmpty();
    }

    @Test
    void shouldStopTheWorkerWhenItsConfigurationIsDeleted() {
        workers.update("org.qvarnmr.camel~a", config("a"));
        await().atMost(WAIT).until(() -> demo.owners("a").size() == 2);

        workers.remove("org.qvarnmr.camel~a");

        assertThat(demo.owners("a")).isEmpty();
        assertThat(workers.pids()).isEmpty();
    }

    @Test
    void shouldStartNoWorkerForAnInvalidConfiguration() {
        Hashtable<String, Object> typo = config("a");
        typo.put("qvarnmr.keep_alive_timout", "60");
        Hashtable<String, Object> noBindings = config("b");
        noBindings.put("qvarnmr.handlers", "missing.yaml");
        Hashtable<String, Object> noUrl = config("c");
        noUrl.remove("qvarn.base-url");

        workers.update("org.qvarnmr.camel~a", typo);
        workers.update("org.qvarnmr.camel~b", noBindings);
        workers.update("org.qvarnmr.camel~c", noUrl);

        assertThat(workers.pids()).isEmpty();
    }
}

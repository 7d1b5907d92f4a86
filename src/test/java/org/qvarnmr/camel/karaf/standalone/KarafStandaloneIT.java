package org.qvarnmr.camel.karaf.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;
import org.qvarnmr.camel.qvarn.server.EmbeddedQvarn;

/**
 * The standalone bundle in a real, stock Apache Karaf 4.4 (unpacked by Maven from
 * {@code org.apache.karaf:apache-karaf:tar.gz}), against the embedded Qvarn of this JVM: dropped into
 * {@code deploy/} with {@code etc/org.qvarnmr.camel.cfg}, it derives rows; a configuration that changes a
 * handler's version restarts the worker, which resyncs; a second configuration
 * ({@code etc/org.qvarnmr.camel-second.cfg}) runs a second worker; removing the bundle from {@code deploy/}
 * (Karaf uninstalls it) stops both and clears their ownership records.
 *
 * <p>The steps share one Karaf (starting one costs tens of seconds), so they run in order, each on what
 * the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIfSystemProperty(named = "qvarnmr.standaloneBundle", matches = ".+") // unset with -Dqvarnmr.no-standalone
class KarafStandaloneIT {
    /** Karaf's boot and the bundle's first start (class loading of the embedded jars) on a busy 2-core machine. */
    private static final Duration START = Duration.ofSeconds(240);
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** The example configuration both ways of running under Karaf ship, and docs/karaf.md shows. */
    private static final Path EXAMPLE = Path.of("src", "main", "karaf", "etc", "org.qvarnmr.camel.cfg");

    private Properties example;
    private EmbeddedQvarn qvarn;
    private QvarnClient client;
    private KarafInstance karaf;
    private DemoRows demo;
    private String org;

    @BeforeAll
    void startKaraf() throws Exception {
        example = new Properties();
        try (Reader r = Files.newBufferedReader(EXAMPLE)) {
            example.load(r);
        }
        // The example's client must authenticate, as it would against a real Qvarn.
        qvarn = EmbeddedQvarn.builder().resourceTypesDir(Path.of("config", "resource-types"))
                .auth(example.getProperty("qvarn.client-id"), example.getProperty("qvarn.client-secret")).build().start();
        client = new QvarnClient(QvarnClientSettings.of(qvarn.baseUrl()).withCredentials(example.getProperty("qvarn.client-id"),
                Secret.of(example.getProperty("qvarn.client-secret")), List.copyOf(qvarn.allScopes())));
        demo = new DemoRows(client);
        karaf = KarafInstance.prepare(Path.of(property("qvarnmr.karafDistribution")),
                Path.of("target", "karaf-standalone-it").toAbsolutePath());
        Files.copy(Path.of("config", "handlers.yaml"), karaf.etc().resolve("qvarnmr-handlers.yaml"));
        Files.writeString(karaf.etc().resolve("qvarnmr-handlers-v2.yaml"), Files.readString(Path.of("config", "handlers.yaml"))
                .replace("reports_counts__map: {type: reduce, version: 1,", "reports_counts__map: {type: reduce, version: 2,"));
        writeConfig("org.qvarnmr.camel.cfg", "karaf-it", "qvarnmr-handlers.yaml");
        Files.copy(Path.of(property("qvarnmr.standaloneBundle")), karaf.deploy().resolve("qvarnmr-camel-karaf-standalone.jar"));
        karaf.start();
    }

    @AfterAll
    void stopKaraf() throws Exception {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (qvarn != null) {
                qvarn.close();
            }
        }
    }

    @Test
    @Order(1)
    void shouldDeriveRowsOnceTheBundleRunsInKaraf() {
        org = demo.org("Acme Oy");
        demo.report(org);
        awaitOrShowLog(START, () -> demo.count(org) == 1); // the first resync
        demo.report(org);
        awaitOrShowLog(WAIT, () -> demo.count(org) == 2); // a notification

        assertThat(demo.owners("karaf-it")).allSatisfy(owner -> assertThat(owner).endsWith(" karaf:org.qvarnmr.camel"));
    }

    @Test
    @Order(2)
    void shouldResyncWhenTheConfigurationChangesAHandlerVersion() throws IOException {
        assertThat(demo.version(org)).isEqualTo(1);

        writeConfig("org.qvarnmr.camel.cfg", "karaf-it", "qvarnmr-handlers-v2.yaml");

        awaitOrShowLog(WAIT, () -> demo.version(org) == 2);
        assertThat(demo.count(org)).isEqualTo(2);
        demo.report(org); // the restarted worker goes on with notifications
        awaitOrShowLog(WAIT, () -> demo.count(org) == 3);
    }

    @Test
    @Order(3)
    void shouldRunASecondWorkerForASecondConfiguration() throws IOException {
        writeConfig("org.qvarnmr.camel-second.cfg", "karaf-it-second", "qvarnmr-handlers.yaml");

        awaitOrShowLog(WAIT, () -> !demo.owners("karaf-it-second").isEmpty()
                && demo.owners("karaf-it-second").stream().allMatch(o -> o.endsWith(" karaf:org.qvarnmr.camel~second")));
        assertThat(demo.owners("karaf-it")).isNotEmpty().allSatisfy(o -> assertThat(o).endsWith(" karaf:org.qvarnmr.camel"));
    }

    @Test
    @Order(4)
    void shouldClearOwnershipWhenTheBundleIsUninstalled() throws IOException {
        assertThat(demo.owners("karaf-it")).as("owned before").isNotEmpty();

        Files.delete(karaf.deploy().resolve("qvarnmr-camel-karaf-standalone.jar")); // Karaf uninstalls it

        awaitOrShowLog(WAIT, () -> demo.owners("karaf-it").isEmpty() && demo.owners("karaf-it-second").isEmpty());
        assertThat(karaf.logLines("qvarnmr: stopping worker 'karaf-it-second'")).isNotEmpty();
        assertThat(karaf.running()).as("Karaf goes on without the bundle").isTrue();
    }

    /**
     * The shipped example ({@code src/main/karaf/etc/org.qvarnmr.camel.cfg}, which docs/karaf.md shows) with
     * this Qvarn, the instance and the bindings file filled in, and short intervals; written to a temporary
     * name and moved, so that Karaf never reads half a file.
     */
    private void writeConfig(String file, String instance, String handlers) throws IOException {
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "qvarn.base-url", qvarn.baseUrl().toString(),
                "qvarnmr.instance", instance,
                "qvarnmr.handlers", handlers,
                "qvarnmr.keep-alive-update-interval", "2",
                "qvarnmr.keep-alive-timeout", "10",
                "qvarnmr.dead-letter-uri", "file:data/qvarnmr/dead-letters-" + instance));
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(EXAMPLE)) {
            String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).strip() : "";
            lines.add(values.containsKey(key) ? key + " = " + values.remove(key) : line);
        }
        assertThat(values).as("settings the example no longer has").isEmpty();
        lines.add("qvarnmr.poll-interval = 200ms");
        Path tmp = karaf.etc().resolve(file + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, karaf.etc().resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitOrShowLog(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nKaraf running: " + karaf.running()
                    + "\nqvarnmr lines of " + karaf.log() + ":\n" + String.join("\n", karaf.logLines("qvarnmr"))
                    + "\nerrors:\n" + String.join("\n", karaf.logLines("ERROR")), e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the test with mvn verify");
        }
        return value;
    }
}

package org.qvarnmr.camel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.Listeners;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/** Operators' YAML routes: routes/keep-alive.yaml, its Java fallback, and the derived-changes example. */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class YamlRoutesTest {
    private static final String FAST_KEEP_ALIVE = "qvarnmr.keep-alive-update-interval=200ms";

    private QvarnMrHarness qvarn;

    private List<String> stamps() {
        return qvarn.derived("qvarnmr_listeners").stream().map(r -> r.get("timestamp").asText()).toList();
    }

    private RouteDefinition keepAliveRoute() {
        await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.lastContext().isStarted());
        return ((ModelCamelContext) qvarn.lastContext()).getRouteDefinition("qvarnmr-keep-alive");
    }

    @Test
    void shouldRunTheKeepAliveRouteFromTheRoutesFolder() throws Exception {
        try (var worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(FAST_KEEP_ALIVE)) {
            RouteDefinition route = keepAliveRoute();

            assertThat(route.getResource()).as("loaded from YAML").isNotNull();
            assertThat(route.getResource().getLocation()).endsWith("routes/keep-alive.yaml");
            List<String> before = stamps();
            await().atMost(Duration.ofSeconds(15)).until(() -> !stamps().equals(before));
        }
    }

    @Test
    void shouldExitOneWhenTheKeepAliveSeesATakeover() throws Exception {
        var worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(FAST_KEEP_ALIVE);
        keepAliveRoute();
        Listeners.takeOver(qvarn, "thief/2");

        assertThat(worker.exit().get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(qvarn.lastOutput()).contains("map/reduce engine is already running on thief/2");
        assertThat(qvarn.derived("qvarnmr_listeners")).allSatisfy(
                r -> assertThat(r.get("owner").asText()).as("the new owner's, untouched").isEqualTo("thief/2"));
    }

    @Test
    void shouldFallBackToTheJavaKeepAliveRouteWithoutTheFile(@TempDir Path noRoutes) throws Exception {
        try (var worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(FAST_KEEP_ALIVE,
                "camel.main.routes-include-pattern=file:" + noRoutes + "/*.yaml")) {
            RouteDefinition route = keepAliveRoute();

            assertThat(route).isNotNull();
            assertThat(route.getResource()).as("the Java route").isNull();
            List<String> before = stamps();
            await().atMost(Duration.ofSeconds(15)).until(() -> !stamps().equals(before));
        }
    }

    @Test
    void shouldExitTwoOnABrokenRouteFileAndReleaseTheInstance(@TempDir Path routes) throws Exception {
        Files.writeString(routes.resolve("broken.yaml"), "- route:\n    from:\n      uri: timer:x\n      steps:\n"
                + "        - noSuchStep: {}\n");

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(
                "camel.main.routes-include-pattern=file:" + routes + "/*.yaml")).isEqualTo(2);

        assertThat(qvarn.lastOutput()).startsWith("Camel could not start: ");
        assertThat(qvarn.derived("qvarnmr_listeners")).allSatisfy(r -> assertThat(r.get("owner").isNull()).isTrue());
    }

    @Test
    void shouldAppendEveryDerivedChangeToAFileWithTheExampleRoute(@TempDir Path out) throws Exception {
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        String r = qvarn.create("reports", "{\"org\": \"" + a + "\"}");

        assertThat(qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(
                "camel.main.routes-include-pattern=file:routes/*.yaml,file:routes/examples/derived-changes-to-file.yaml",
                "derived-changes.dir=" + out)).isZero();

        Path file = out.resolve("derived-changes.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("type").asText() + " " + l.get("operation").asText())
                .contains("company_reports__map create", "company_reports create", "reports_counts__map create",
                        "reports_counts create")
                .filteredOn(l -> l.equals("company_reports__map create")).as("a row per source").hasSize(2);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("key").asText()).isEqualTo(a);
            assertThat(l.get("instance").asText()).isEqualTo("it");
            assertThat(l.get("id").asText()).isNotBlank();
        });
        int before = lines.size();

        qvarn.delete("reports", r);
        qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(
                "camel.main.routes-include-pattern=file:routes/*.yaml,file:routes/examples/derived-changes-to-file.yaml",
                "derived-changes.dir=" + out);

        assertThat(Files.readAllLines(file)).as("appended, not replaced").hasSizeGreaterThan(before)
                .anyMatch(l -> l.contains("\"reports_counts\"") && l.contains("\"delete\""));
    }
}

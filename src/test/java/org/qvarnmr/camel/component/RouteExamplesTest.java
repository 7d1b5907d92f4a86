package org.qvarnmr.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * The qvarn: examples in routes/examples/, each loaded by a worker as an operator would load it (the
 * component then uses the worker's qvarn.* settings), against the embedded Qvarn. The derived-changes
 * example is run by it/YamlRoutesTest.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class RouteExamplesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private QvarnMrHarness qvarn;

    private QvarnMrHarness.RunningWorker workerWith(String example, String... settings) throws Exception {
        String[] all = new String[settings.length + 1];
        all[0] = "camel.main.routes-include-pattern=file:routes/*.yaml,file:routes/examples/" + example + ".yaml";
        System.arraycopy(settings, 0, all, 1, settings.length);
        QvarnMrHarness.RunningWorker worker = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker(all);
        await().atMost(WAIT).until(() -> qvarn.derived("qvarnmr_listeners").stream()
                .anyMatch(r -> r.get("instance").asText().equals(QvarnConsumer.RECORD_PREFIX + example)));
        return worker;
    }

    @Test
    void shouldGiveANewOrgWithoutACountryTheDefaultOne() throws Exception {
        try (var worker = workerWith("org-default-country", "default-country=SE")) {
            String bare = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
            String finnish = qvarn.create("orgs", "{\"names\": [\"Bolt\"], \"country\": \"FI\"}");

            await().atMost(WAIT).until(() -> qvarn.get("orgs", bare).get("country").asText().equals("SE"));
            assertThat(qvarn.get("orgs", bare).get("names").get(0).asText()).as("the rest kept").isEqualTo("Acme");
            assertThat(qvarn.get("orgs", finnish).get("country").asText()).isEqualTo("FI");
        }
    }

    @Test
    void shouldAppendEachReportWithItsOrgsNameFoundBySearch(@TempDir Path out) throws Exception {
        try (var worker = workerWith("report-org-names", "report-orgs.dir=" + out)) {
            String acme = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
            String r1 = qvarn.create("reports", "{\"org\": \"" + acme + "\"}");
            String r2 = qvarn.create("reports", "{\"org\": \"" + acme + "\"}");
            Path file = out.resolve("report-orgs.txt");

            await().atMost(WAIT).until(() -> Files.exists(file) && Files.readAllLines(file).size() == 2);
            assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder(r1 + " Acme", r2 + " Acme");
        }
    }

    @Test
    void shouldQuoteEveryExampleInTheDocAsItIs() throws Exception {
        String doc = Files.readString(Path.of("docs", "camel-users.md"));
        for (String example : List.of("org-default-country", "report-org-names", "derived-changes-to-file")) {
            String file = Files.readString(Path.of("routes", "examples", example + ".yaml"));
            String routes = file.substring(file.indexOf("- route:"));
            assertThat(doc).as("docs/camel-users.md quotes routes/examples/%s.yaml from its first route on", example)
                    .contains("<!-- not run: routes/examples/" + example + ".yaml, run by ")
                    .contains("```yaml\n" + routes + "```\n");
        }
    }
}

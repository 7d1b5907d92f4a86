package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.engine.StartupChecks;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.RefusingPort;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * docs/errors.md quotes what really prints: each case marked "(tested)" there is run here, and the line it
 * prints (with temporary paths, ports and ids put as the doc writes them) must be in the doc word for word.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class ErrorMessagesDocTest {
    private static final String INVOICES = Bindings.INVOICES_TYPE;
    private static final String MAP_FAILS = Bindings.MAP_FAILS_ON_BOOM;

    private QvarnMrHarness qvarn;

    @TempDir
    Path dir;

    private static String doc() throws Exception {
        return Files.readString(Path.of("docs", "errors.md"));
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    @Test
    void shouldQuoteTheCommandLineMessages() throws Exception {
        assertThat(doc()).contains("`" + firstLine(Cli.run("valdiate", "config/handlers.yaml").err()) + "`",
                "`" + firstLine(Cli.run("frobnicate", "x.yaml").err()) + "`",
                "`" + firstLine(Cli.run("config/handlers.yaml").err()) + "`",
                "`" + firstLine(Cli.run("--version").out()) + "`");
    }

    @Test
    void shouldQuoteTheStaticValueCheck() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), """
                invoice_totals__map:
                  invoices: {type: map, version: 1, handler: "item(org, amount)"}
                invoice_totals:
                  invoice_totals__map: {type: reduce, version: 1, handler: sum, map: value(amount)}
                """);
        String err = Cli.run("validate", handlers.toString()).err();

        assertThat(doc()).contains("`" + err.substring(err.indexOf("source 'invoice_totals__map': ")
                + "source 'invoice_totals__map': ".length()).strip() + "`");
    }

    @Test
    void shouldQuoteTheRefusedExpression() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), """
                a__map:
                  orgs: {type: map, version: 1, handler: {expression: {language: simple, key: "${env:QVARN_CLIENT_SECRET}"}}}
                """);
        String err = Cli.run("validate", handlers.toString()).err();

        assertThat(doc()).contains("`" + err.substring(err.indexOf("source 'orgs': ") + "source 'orgs': ".length()).strip()
                + "`");
    }

    @Test
    void shouldQuoteTheUnreachableLine() throws Exception {
        try (RefusingPort unreachable = new RefusingPort()) {
            Path config = Files.writeString(dir.resolve("app.properties"), "qvarn.base-url=" + unreachable.url()
                    + "\nqvarnmr.instance=doc\nqvarnmr.startup-timeout=1\nqvarnmr.retry.delay=0.2\n");

            String err = Cli.run("config/handlers.yaml", "-c", config.toString()).err();

            assertThat(doc()).contains("\n" + firstLine(err).replace(":" + unreachable.port(), ":9080") + "\n");
        }
    }

    @Test
    void shouldQuoteTheMalformedUnicodeEscape() throws Exception {
        Path config = Files.writeString(dir.resolve("app.properties"), "qvarn.base-url = http://127.0.0.1:9\n"
                + "qvarnmr.instance = doc\n\n\nqvarnmr.dead-letter-uri = file:C:\\users\\dead-letters\n");

        String err = Cli.run("config/handlers.yaml", "-c", config.toString()).err();

        assertThat(doc()).contains("`" + firstLine(err).replace(config.toString(), "app.properties") + "`");
    }

    @Test
    void shouldQuoteTheAnswersTheWorkerCannotUse() throws Exception {
        try (HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
             QvarnClient client = new QvarnClient(QvarnClientSettings.of(URI.create(hostile.url()))
                     .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)))) {
            hostile.on("GET", "/reports/listeners/*/notifications").times(1).drip(Duration.ofMillis(100));
            hostile.on("GET", "/reports/listeners/*/notifications").times(1).endlessBalloon();
            hostile.on("GET", "/orgs").balloon(400L * 1024 * 1024);
            hostile.on("GET", "/qvarnmr_listeners/search/**").garbage("text/html", "<html>maintenance</html>");
            Path config = Files.writeString(dir.resolve("app.properties"), "qvarn.base-url=" + hostile.url()
                    + "\nqvarnmr.instance=doc\n");

            String timeout = catchThrowable(() -> client.listNotificationIds("reports", "ID")).getMessage();
            String endless = catchThrowable(() -> client.listNotificationIds("reports", "ID")).getMessage();
            String announced = catchThrowable(() -> client.listIds("orgs")).getMessage();
            String garbage = firstLine(Cli.run("config/handlers.yaml", "-c", config.toString()).err());

            assertThat(doc()).contains("\nQvarn failed: " + timeout.replace("(1 s)", "(30 s)") + "\n",
                    "\n" + endless + "\n", "\n" + announced + "\n", "\n" + garbage + "\n");
        }
    }

    @Test
    void shouldQuoteTheMissingFieldAndTheRefusedWrite() throws Exception {
        try (QvarnMrHarness invoices = TestQvarn.start(INVOICES,
                TypeYaml.derived("invoice_totals__map", false))) {
            String missing = "invoice_totals__map:\n  invoices: {type: map, version: 1, handler: \"item(org, amuont)\"}\n";
            String refused = "invoice_totals__map:\n  invoices: {type: map, version: 1, handler: \"item(org, amount)\"}\n";
            invoices.bindingsYaml(missing).runWorker();
            String id = invoices.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");
            invoices.bindingsYaml(missing).runWorker("qvarnmr.retry.max-attempts=1");
            invoices.create("invoices", "{\"org\": \"acme\", \"amount\": 7}");
            invoices.bindingsYaml(refused).runWorker("qvarnmr.retry.max-attempts=1");

            String first = invoices.deadLetters().get(0).get("error").asText();
            String second = invoices.deadLetters().get(1).get("error").asText();
            assertThat(doc()).contains("\n" + first.replace(id, "ID").replace("test-handlers.yaml", "handlers.yaml") + "\n",
                    "\n" + second.replaceAll(".*\\((POST /invoice_totals__map: 400 WrongTypeValue: [^)]*)\\).*", "$1") + "\n");
        }
    }

    @Test
    void shouldQuoteTheSummaryLineOfARunThatDeadLettered() throws Exception {
        qvarn.bindingsYaml(MAP_FAILS).runWorker();
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"c\", \"report_type\": \"fine\"}");
        qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=2");

        assertThat(doc()).contains("\n" + lastLine(qvarn.lastOutput())
                .replace(qvarn.workDir().resolve("dead-letters").toString(), "data/dead-letters") + "\n");
    }

    @Test
    void shouldQuoteTheSummaryLineOfARunWhoseResyncFailed() throws Exception {
        // A reduce handler failing on a key: a source whose map fails is dead-lettered instead (guarantees 4).
        qvarn.create("reports", "{\"org\": \"x\"}");
        qvarn.bindingsYaml(Bindings.COUNT_BINDINGS.replace("handler: count",
                "handler: {class: org.qvarnmr.camel.it.handlers.FailOnKeyX}")).runWorker();

        assertThat(doc()).contains("\n" + lastLine(qvarn.lastOutput()) + "\n");
    }

    @Test
    void shouldQuoteTheChecksAgainstTheTypes() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), JoinNamesCommandTest.JOIN_BY_PATH);
        Path fields = Files.writeString(dir.resolve("fields.yaml"), """
                reports_counts__map:
                  reports: {type: map, version: 1, handler: "item(orgg, report_type)"}
                """);

        String join = Cli.run("validate", handlers.toString(), "--source-types", "config/resource-types").err();
        String field = Cli.run("validate", fields.toString(), "--source-types", "config/resource-types").err();
        String note = Cli.run("validate", handlers.toString()).out();

        assertThat(doc()).contains("`" + after(join, "source 'company_reports__map': ") + "`",
                "`" + after(field, "source 'reports': ") + "`",
                "`note: handlers.yaml:5: " + after(note, "note: " + handlers + ":5: ") + "`");
    }

    @Test
    void shouldQuoteWhatTypesKeeps() throws Exception {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), TypesFolderTest.HANDLERS);
        Path types = Files.createDirectories(dir.resolve("types"));
        Files.writeString(types.resolve("orgs.yaml"), TypesFolderTest.ORGS);
        Files.writeString(types.resolve("invoices.yaml"), TypesFolderTest.INVOICES);
        Cli.run("types", handlers.toString(), "--out", types.toString());
        Files.writeString(types.resolve("org_summaries.yaml"), "# mine\n", java.nio.file.StandardOpenOption.APPEND);

        String out = Cli.run("types", handlers.toString(), "--out", types.toString()).out();

        assertThat(doc()).contains("\n" + out.replace(types.toString(), "types") + "```\n");
    }

    @Test
    void shouldQuoteAJoinNameNoSourceHasAtStartUpAndWhileRunning() throws Exception {
        String bindings = JoinNamesCommandTest.JOIN_BY_PATH;
        try (QvarnMrHarness.RunningWorker worker = qvarn.bindingsYaml(bindings).startWorker("qvarnmr.retry.max-attempts=1")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> qvarn.derived("qvarnmr_listeners").size() == 2
                    && qvarn.derived("qvarnmr_listeners").stream().allMatch(r -> r.get("owner").isTextual()));
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
            await().atMost(Duration.ofSeconds(60)).until(() -> !qvarn.deadLetters().isEmpty());

            assertThat(doc()).contains("\n" + qvarn.deadLetters().get(0).get("error").asText().replace(org, "KEY")
                    .replace("test-handlers.yaml", "handlers.yaml") + "\n");
        }
        qvarn.create("reports", "{\"org\": \"o\"}");
        String startUp = "";
        try {
            qvarn.bindingsYaml(bindings).runWorker();
        } catch (StartupChecks.Failed e) {
            startUp = e.getMessage().replace(qvarn.server().baseUrl().toString(), "URL");
        }
        List<String> lines = startUp.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(doc()).contains("`" + lines.get(0) + "`", "`" + lines.get(2) + "`", "`" + lines.get(1).strip()
                .replace("test-handlers.yaml", "handlers.yaml").replace("join({orgs: {id: org_id}, report: {id: "
                        + "report_id}})", "join(...)") + "`");
    }

    /** The text after {@code marker} on the line that has it. */
    private static String after(String text, String marker) {
        String line = text.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow(() ->
                new AssertionError("no line with " + marker + " in:\n" + text));
        return line.substring(line.indexOf(marker) + marker.length()).strip();
    }

    @Test
    void shouldQuoteTheLinesOfVerifyAndReconcile() throws Exception {
        String bindings = Bindings.COUNT_BINDINGS;
        qvarn.create("reports", "{\"org\": \"a\"}");
        qvarn.create("reports", "{\"org\": \"b\"}");
        qvarn.bindingsYaml(bindings).runWorker();
        var count = qvarn.derivedByKey("reports_counts").get("a");
        qvarn.client().update("reports_counts", count.get("id").asText(), count.put("_mr_value", 99));
        qvarn.create("reports_counts", "{\"_mr_key\": \"nobody\", \"_mr_value\": 5, \"_mr_version\": 1}");
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), bindings);
        Path config = Files.writeString(dir.resolve("qvarnmr.cfg"), "[qvarn]\nbase_url = " + qvarn.server().baseUrl()
                + "\n[qvarnmr]\ninstance = it\n");

        String verified = Cli.run("verify", handlers.toString(), "-c", config.toString()).out()
                .replace(handlers.toString(), "handlers.yaml").replace(config.toString(), "qvarnmr.cfg");
        String reconciled = Cli.run("reconcile", handlers.toString(), "-c", config.toString()).out();
        for (var record : qvarn.derived("qvarnmr_listeners")) {
            qvarn.client().update("qvarnmr_listeners", record.get("id").asText(), record.put("owner", "elsewhere/4242")
                    .put("timestamp", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).toString()));
        }
        String refused = Cli.run("reconcile", handlers.toString(), "-c", config.toString()).out();

        String docBlock = "\n" + String.join("\n", verified.strip().lines()
                .filter(l -> l.startsWith("reports_counts") || l.startsWith("verify:")).toList()) + "\n";
        assertThat(doc()).contains(docBlock, "\n" + lastLine(reconciled) + "\n", "\n" + lastLine(refused) + "\n");
    }

    @Test
    void shouldQuoteTheFailedRepairOfAMapRowOfAnotherVersion() throws Exception {
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");
        qvarn.bindingsYaml(MAP_FAILS).runWorker(); // version 1 recorded: no resync is due from now on
        // a row of version 2 (a bump that failed and was rolled back) whose source no longer maps
        ObjectNode row = qvarn.derived("reports_counts__map").get(0);
        row.put("_mr_version", 2);
        qvarn.client().update("reports_counts__map", row.get("id").asText(), row);
        qvarn.update("reports", boom, "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=1"); // the boom change itself is dead-lettered
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"fine\"}");

        qvarn.bindingsYaml(MAP_FAILS).runWorker("qvarnmr.retry.max-attempts=1");

        String error = qvarn.deadLetters().get(1).get("error").asText();
        assertThat(doc()).contains("\n" + error.replace(boom, "ID").replace("test-handlers.yaml", "handlers.yaml") + "\n");
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }
}

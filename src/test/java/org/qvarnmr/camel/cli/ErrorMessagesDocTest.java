package org.qvarnmr.camel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.it.reliability.Cli;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.RefusingPort;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * docs/errors.md quotes what really prints: each case marked "(tested)" there is run here, and the line it
 * prints (with temporary paths, ports and ids put as the doc writes them) must be in the doc word for word.
 */
class ErrorMessagesDocTest {
    private static final String INVOICES = WorkerFixture.INVOICES_TYPE;
    private static final String MAP_FAILS = WorkerFixture.MAP_FAILS_ON_BOOM;

    @RegisterExtension
    final WorkerFixture qvarn = WorkerFixture.perTest();

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
        try (WorkerFixture invoices = WorkerFixture.start(INVOICES,
                WorkerFixture.derivedType("invoice_totals__map", false))) {
            String missing = "invoice_totals__map:\n  invoices: {type: map, version: 1, handler: \"item(org, amuont)\"}\n";
            String refused = "invoice_totals__map:\n  invoices: {type: map, version: 1, handler: \"item(org, amount)\"}\n";
            invoices.runOnce(missing);
            String id = invoices.create("invoices", "{\"org\": \"acme\", \"amount\": 5}");
            invoices.runOnce(missing, "qvarnmr.retry.max-attempts=1");
            invoices.create("invoices", "{\"org\": \"acme\", \"amount\": 7}");
            invoices.runOnce(refused, "qvarnmr.retry.max-attempts=1");

            String first = invoices.deadLetters().get(0).get("error").asText();
            String second = invoices.deadLetters().get(1).get("error").asText();
            assertThat(doc()).contains("\n" + first.replace(id, "ID").replace("test-handlers.yaml", "handlers.yaml") + "\n",
                    "\n" + second.replaceAll(".*\\((POST /invoice_totals__map: 400 WrongTypeValue: [^)]*)\\).*", "$1") + "\n");
        }
    }

    @Test
    void shouldQuoteTheSummaryLineOfARunThatDeadLettered() throws Exception {
        qvarn.runOnce(MAP_FAILS);
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"c\", \"report_type\": \"fine\"}");
        qvarn.runOnce(MAP_FAILS, "qvarnmr.retry.max-attempts=2");

        assertThat(doc()).contains("\n" + lastLine(qvarn.lastOutput())
                .replace(qvarn.workDir().resolve("dead-letters").toString(), "data/dead-letters") + "\n");
    }

    @Test
    void shouldQuoteTheSummaryLineOfARunWhoseResyncFailed() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.runOnce(MAP_FAILS);

        assertThat(doc()).contains("\n" + lastLine(qvarn.lastOutput()) + "\n");
    }

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }
}

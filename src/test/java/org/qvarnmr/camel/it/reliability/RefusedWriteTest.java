package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.TypeYaml;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.slf4j.LoggerFactory;

/**
 * One write Qvarn keeps refusing while it answers everything else: a deterministic 500 (PostgreSQL's answer
 * to a boolean in an integer field), a 429 that never lifts, or a permanent 4xx (the handler's output is
 * wrong). The change is dead-lettered, the others go through, and a one-shot run ends (issue 19, items 4
 * and 9). A Qvarn that is down for everything is an outage instead: FaultToleranceTest.
 */
class RefusedWriteTest {
    /** What a worker whose writes of one route are refused forever must end within (never a speed limit). */
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final String INVOICE_ITEMS = """
            invoice_totals__map:
              invoices: {type: map, version: 1, handler: {item: {key: org, value: amount}}}
            """;

    @ParameterizedTest(name = "answered {0}")
    @ValueSource(ints = {500, 429})
    void shouldDeadLetterAChangeWhoseWriteQvarnKeepsRefusingWhileItAnswersTheRest(int status) throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker();
            String org = qvarn.create("orgs", "{\"names\": [\"Acme\"]}");
            String report = qvarn.create("reports", "{\"org\": \"" + org + "\"}");
            qvarn.server().faults().failEvery(status, request -> request.equals("POST /reports_counts__map"));

            int exit = assertTimeoutPreemptively(HANG, () -> qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker(
                    "qvarnmr.keep-alive-timeout=2", "qvarnmr.keep-alive-update-interval=1",
                    "qvarnmr.retry.max-attempts=2"), "a one-shot run whose one write is refused forever must end");

            assertThat(exit).isEqualTo(ExitCodes.NOT_ALL_DONE);
            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(report);
                assertThat(letter.get("error").asText()).contains("POST /reports_counts__map: " + status)
                        .contains("Qvarn kept refusing this change for ", "while it answered the worker's other requests");
                assertThat(letter.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            });
            assertThat(qvarn.derivedByKey("company_reports")).as("the org's change went through").containsOnlyKeys(org);
            assertThat(qvarn.lastOutput()).contains("1 dead letter");
        }
    }

    @Test
    void shouldDeadLetterAWriteQvarnRefusesWith400AtOnceWithTheBindingInOneLogLine() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start(Bindings.INVOICES_TYPE,
                TypeYaml.derived("invoice_totals__map", false));
             WarnLog log = new WarnLog()) {
            qvarn.bindingsYaml(INVOICE_ITEMS).runWorker();
            String invoice = qvarn.create("invoices", "{\"org\": \"a\", \"amount\": 5}");
            qvarn.server().stats().reset();

            assertThat(qvarn.bindingsYaml(INVOICE_ITEMS).runWorker("qvarnmr.retry.max-attempts=5")).isEqualTo(ExitCodes.NOT_ALL_DONE);

            assertThat(qvarn.server().stats().count("POST", "/invoice_totals__map"))
                    .as("a 400 is the handler's output being wrong: no retry").isEqualTo(1);
            assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.get("resourceId").asText()).isEqualTo(invoice);
                assertThat(letter.get("attempts").asInt()).isEqualTo(1);
                assertThat(letter.get("error").asText())
                        .contains("test-handlers.yaml:2: map handler item(key=org, value=amount) for target "
                                + "'invoice_totals__map', source 'invoices'")
                        .contains("POST /invoice_totals__map: 400 WrongTypeValue: field _mr_value must be str, got int");
            });
            assertThat(log.events()).as("no stack trace at WARN or ERROR")
                    .allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage()).isNull());
            assertThat(log.events()).as("one line about the invoice")
                    .filteredOn(e -> e.getFormattedMessage().contains(invoice)).hasSize(1);
        }
    }

    @Test
    void shouldEndTheRunWithoutBlamingTheChangeWhenQvarnRefusesTheWorkersScopesForAWrite() throws Exception {
        try (QvarnMrHarness qvarn = TestQvarn.start()) {
            qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker();
            qvarn.create("reports", "{\"org\": \"a\"}");
            qvarn.server().faults().failEvery(403, request -> request.equals("POST /reports_counts__map"));

            assertThatThrownBy(() -> qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker())
                    .as("the command line prints it as refused credentials, exit 3 (cli/UserErrors)")
                    .isInstanceOf(QvarnForbiddenException.class).hasMessageContaining("POST /reports_counts__map: 403");

            assertThat(qvarn.deadLetters()).as("the change is not at fault").isEmpty();
            qvarn.server().faults().clear();
            assertThat(qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker()).as("its notification waited").isZero();
            assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("a");
        }
    }

    /** The WARN and ERROR events logged anywhere while open. */
    static final class WarnLog implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        WarnLog() {
            appender.start();
            root.addAppender(appender);
        }

        List<ILoggingEvent> events() {
            synchronized (appender) {
                return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
            }
        }

        @Override
        public void close() {
            root.detachAppender(appender);
        }
    }
}

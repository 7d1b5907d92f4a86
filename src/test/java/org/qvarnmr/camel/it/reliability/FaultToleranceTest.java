package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * Faults the worker must survive without losing a change or blaming it: passing outages (also inside a
 * handler's own reads and at start-up), a failed acknowledgement that is redelivered, and a resource that
 * keeps answering 404.
 */
class FaultToleranceTest {
    private static final String MAP_FAILS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {class: org.qvarnmr.camel.it.handlers.FailOnBoom}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;
    private static final String REDUCE_MEETS_OUTAGE = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map:
                {type: reduce, version: 1, handler: {class: org.qvarnmr.camel.it.reliability.handlers.UnavailableAtFirst}}
            """;
    private static final String COUNTS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {item: {key: org}}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;
    private static final String NOTIFICATIONS = "/reports/listeners/{lid}/notifications";

    private WorkerFixture qvarn;

    @BeforeEach
    void start() throws Exception {
        qvarn = WorkerFixture.start();
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    @Test
    void shouldCountAFailedAttemptOnceWhenTheAcknowledgementIsRedelivered() throws Exception {
        qvarn.runOnce(MAP_FAILS);
        String boom = qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"fine\"}");
        qvarn.server().stats().reset();
        // Slow requests down from the first poll on; fail the first notification DELETE while it waits.
        CompletableFuture<Void> armed = CompletableFuture.runAsync(() -> {
            awaitCondition(() -> count("GET", NOTIFICATIONS) >= 1);
            qvarn.server().faults().latency(Duration.ofMillis(100));
            awaitCondition(() -> count("DELETE", NOTIFICATIONS + "/{nid}") >= 1);
            qvarn.server().faults().failNext(1, 500);
            qvarn.server().faults().latency(Duration.ZERO);
        });

        assertThat(qvarn.runOnce(MAP_FAILS, "qvarn.threads=1", "qvarnmr.retry.max-attempts=2")).isZero();

        armed.get(10, TimeUnit.SECONDS);
        assertThat(qvarn.server().faults().injected()).as("the acknowledgement failed once").isGreaterThanOrEqualTo(1);
        assertThat(qvarn.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.get("resourceId").asText()).isEqualTo(boom);
            assertThat(letter.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(count("GET", "/reports/{id}")).as("the fine report read once, the boom report twice: "
                + "two real attempts, not one attempt counted twice").isEqualTo(3);
        assertThat(qvarn.byKey("reports_counts")).containsOnlyKeys("b");
    }

    @Test
    void shouldFinishWhenAnAcknowledgementFailsHalfWay() throws Exception {
        String bindings = COUNTS.replace("{item: {key: org}}",
                "{class: org.qvarnmr.camel.it.reliability.handlers.FailFirstTime}");
        qvarn.runOnce(bindings);
        qvarn.create("reports", "{\"org\": \"a\"}");
        qvarn.create("reports", "{\"org\": \"b\"}");
        qvarn.server().stats().reset();
        // Both fail once, then succeed together; of their two notification DELETEs the first succeeds and
        // the second keeps failing through every redelivery, so that pass fails after deleting one.
        CompletableFuture<Void> armed = CompletableFuture.runAsync(() -> {
            awaitCondition(() -> count("DELETE", NOTIFICATIONS + "/{nid}") >= 1);
            qvarn.server().faults().latency(Duration.ofMillis(100));
            awaitCondition(() -> count("DELETE", NOTIFICATIONS + "/{nid}") >= 2);
            qvarn.server().faults().failNext(7, 500);
            qvarn.server().faults().latency(Duration.ZERO);
        });

        int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> qvarn.runOnce(bindings, "qvarn.threads=1"),
                "the one-shot run must not wait forever for the retry of a notification already deleted");

        assertThat(exit).isZero();
        armed.get(10, TimeUnit.SECONDS);
        assertThat(qvarn.server().faults().injected()).as("7 failures and 1 delay").isEqualTo(8);
        assertThat(qvarn.byKey("reports_counts")).containsOnlyKeys("a", "b");
        assertThat(qvarn.deadLetters()).isEmpty();
    }

    @Test
    void shouldNotUseUpAttemptsWhenAHandlersOwnQvarnReadsMeetAnOutage() throws Exception {
        qvarn.runOnce(REDUCE_MEETS_OUTAGE);
        qvarn.create("reports", "{\"org\": \"a\"}");

        assertThat(qvarn.runOnce(REDUCE_MEETS_OUTAGE, "qvarnmr.retry.max-attempts=1")).isZero();

        assertThat(qvarn.deadLetters()).as("an outage is no fault of the change").isEmpty();
        assertThat(qvarn.byKey("reports_counts").get("a").get("_mr_value").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRideOutAnOutageAtStartUpShorterThanTheKeepAliveTimeout() throws Exception {
        qvarn.runOnce(WorkerFixture.README_BINDINGS);
        String org = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.server().faults().refuseConnectionsFor(Duration.ofSeconds(1));

        assertThat(qvarn.runOnce(WorkerFixture.README_BINDINGS, "qvarnmr.keep-alive-timeout=10", "qvarnmr.keep-alive-update-interval=2",
                "qvarnmr.retry.delay=100ms", "qvarnmr.retry.max-delay=200ms")).isZero();

        assertThat(qvarn.server().faults().injected()).isPositive();
        assertThat(qvarn.byKey("company_reports")).containsOnlyKeys(org);
    }

    @Test
    void shouldTreatAnAnnouncedResourceThatKeepsAnswering404AsDeleted() throws Exception {
        String report = qvarn.create("reports", "{\"org\": \"a\"}");
        qvarn.runOnce(WorkerFixture.README_BINDINGS);
        assertThat(qvarn.byKey("reports_counts")).containsOnlyKeys("a");
        // An update is announced, but the resource is gone and its 'deleted' notification never comes
        // (lost between Qvarn's two transactions, protocol 6.4).
        qvarn.update("reports", report, "{\"org\": \"b\"}");
        qvarn.delete("reports", report);
        String listener = qvarn.rows("qvarnmr_listeners").stream()
                .filter(r -> r.get("resource_type").asText().equals("reports")).findFirst().orElseThrow()
                .get("listener_id").asText();
        var ids = qvarn.client().listNotificationIds("reports", listener);
        qvarn.client().deleteNotification("reports", listener, ids.get(ids.size() - 1));

        assertThat(qvarn.runOnce(WorkerFixture.README_BINDINGS, "qvarnmr.not-found-attempts=2")).isZero();

        assertThat(qvarn.byKey("reports_counts")).as("treated as a delete").isEmpty();
        assertThat(qvarn.rows("reports_counts__map")).isEmpty();
        assertThat(qvarn.client().listNotificationIds("reports", listener)).isEmpty();
        assertThat(qvarn.deadLetters()).isEmpty();
    }

    @Test
    @Timeout(90)
    void shouldWorkThroughABacklogWhileSomeRequestsFail() throws Exception {
        qvarn.runOnce(COUNTS);
        for (int i = 0; i < 42; i++) {
            qvarn.create("reports", "{\"org\": \"org-" + (i % 6) + "\"}");
        }
        // One poll reads 42 notifications: all of them succeed only 0.5 % of the time.
        qvarn.server().faults().failRandomly(0.12, 7, 500, 503);

        assertThat(qvarn.runOnce(COUNTS, "qvarnmr.keep-alive-timeout=10", "qvarnmr.keep-alive-update-interval=2"))
                .isZero();

        qvarn.server().faults().clear();
        assertThat(qvarn.byKey("reports_counts").values()).hasSize(6)
                .allSatisfy(row -> assertThat(row.get("_mr_value").asInt()).isEqualTo(7));
        assertThat(qvarn.deadLetters()).isEmpty();
    }

    private long count(String method, String route) {
        return qvarn.server().stats().count(method, route);
    }

    /** Polls a condition (bounded: 10 s) without sleeping a fixed time. */
    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within 10 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }
}

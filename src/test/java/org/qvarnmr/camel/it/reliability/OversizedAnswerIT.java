package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.HostileRule;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.support.WorkerProcess;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * An answer that never ends, to the worker jar in -f under {@code -Xmx256m}: it fails that request with a
 * message naming it and {@code qvarn.max-response-size}, goes on polling, and catches up once the answers
 * are sane again. When the bound is set above the heap, the heap runs out: the process ends (so its
 * ownership lapses and a standby takes over), instead of living on with its polls stopped and its
 * keep-alive still going.
 */
class OversizedAnswerIT {
    private static final String NOTIFICATIONS = "/reports/listeners/*/notifications";

    final QvarnMrHarness qvarn = TestQvarn.perTest();

    @RegisterExtension
    final HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
    @TempDir
    Path dir;

    @AfterEach
    void closeQvarn() {
        qvarn.close();
    }

    private WorkerProcess worker(String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of("qvarnmr.poll-interval=100ms", "qvarnmr.retry.delay=100ms",
                "qvarnmr.management.port=0", "qvarnmr.keep-alive-update-interval=1", "qvarnmr.keep-alive-timeout=3"));
        all.addAll(List.of(settings));
        return WorkerProcess.start(Files.createDirectories(dir.resolve("worker")), Bindings.COUNT_BINDINGS,
                hostile.url(), true, all.toArray(String[]::new));
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    /** Waits for {@code condition} (the ceiling only guards a hang); fails with the worker's log. */
    private static void awaitOrShow(WorkerProcess worker, Callable<Boolean> condition) throws Exception {
        try {
            await().atMost(Duration.ofMinutes(2)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; worker log:\n" + worker.output(), e);
        }
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void shouldFailAnEndlessAnswerWithAMessageAndGoOnPolling() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\"}");
        try (WorkerProcess worker = worker()) {
            awaitOrShow(worker, () -> count("a") == 1);
            HostileRule balloon = hostile.on("GET", NOTIFICATIONS).endlessBalloon();
            qvarn.create("reports", "{\"org\": \"a\"}");
            String message = ": the answer is larger than qvarn.max-response-size (32 MB; read that far, then stopped)";

            // Each poll meets the balloon and fails with the message; polls go on.
            awaitOrShow(worker, () -> occurrences(worker.output(), message) >= 2 && balloon.hits() >= 2);
            assertThat(worker.output()).contains("GET /reports/listeners/").contains("/notifications" + message);
            assertThat(worker.isAlive()).isTrue();

            balloon.remove();
            awaitOrShow(worker, () -> count("a") == 2);
            assertThat(worker.terminate()).as(worker.output()).isEqualTo(143);
        }
    }

    @Test
    void shouldEndTheProcessWhenTheHeapRunsOut() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\"}");
        try (WorkerProcess worker = worker("qvarn.max-response-size=4GB")) {
            awaitOrShow(worker, () -> count("a") == 1);
            hostile.on("GET", NOTIFICATIONS).endlessBalloon();

            // The ceiling only guards a hang: reading 256 MB of balloon takes seconds.
            int exit = worker.waitFor(180);

            assertThat(exit).as(worker.output()).isEqualTo(ExitCodes.OUT_OF_MEMORY);
            assertThat(worker.output()).contains("out of memory (Java heap space) in ",
                    "; the worker stops at once, so that its ownership lapses and another worker can take over");
        }
    }
}

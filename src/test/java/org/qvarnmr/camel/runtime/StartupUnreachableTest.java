package org.qvarnmr.camel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.qvarn.client.support.LogCapture;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.RefusingPort;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * Qvarn unreachable at start-up: a one-shot run gives up after {@code qvarnmr.startup-timeout} (counted from
 * its launch: {@link StartupWindowTest}) with one line naming the URL and the reason; with -f the worker keeps
 * trying, one status line per back-off step.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class StartupUnreachableTest {
    private QvarnMrHarness qvarn;

    /** Refuses every connection, and stays ours until the test ends. */
    private final RefusingPort unreachable = new RefusingPort();

    @AfterEach
    void release() throws IOException {
        unreachable.close();
    }

    @Test
    void shouldGiveUpAfterTheStartupTimeoutWithOneLineNamingUrlAndReason() throws Exception {
        String url = unreachable.url();
        try (LogCapture log = LogCapture.of(QvarnOutage.class.getName())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> qvarn.bindingsYaml(Bindings.README_BINDINGS).runWorker("qvarn.base-url=" + url,
                    "qvarnmr.startup-timeout=1", "qvarnmr.retry.delay=100ms"))
                    .isInstanceOf(QvarnUnreachableException.class)
                    .hasMessage("cannot reach Qvarn at " + url + ": connection refused");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it kept trying for the whole window, not only"
                    + " once (the upper bound: StartupWindowTest)").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(log.text()).as("a one-shot run says it once, when it gives up").doesNotContain("WARN");
        }
    }

    @Test
    void shouldKeepTryingInForeverModeWithOneStatusLinePerStep() throws Exception {
        String url = unreachable.url();
        try (LogCapture log = LogCapture.of(QvarnOutage.class.getName());
             QvarnMrHarness.RunningWorker running = qvarn.bindingsYaml(Bindings.README_BINDINGS).startWorker("qvarn.base-url=" + url,
                     "qvarnmr.startup-timeout=1", "qvarnmr.retry.delay=100ms", "qvarnmr.retry.max-delay=200ms")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.events().size() >= 8);

            assertThat(running.exit()).as("still trying, past the one-shot timeout").isNotDone();
            assertThat(log.text().lines()).allSatisfy(line -> assertThat(line)
                    .matches("WARN cannot reach Qvarn at " + url.replace(".", "\\.") + ": connection refused; "
                            + "retrying in 0\\.[12]s"));
        }
    }
}

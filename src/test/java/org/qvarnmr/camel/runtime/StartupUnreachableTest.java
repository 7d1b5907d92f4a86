package org.qvarnmr.camel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qvarnmr.camel.qvarn.client.support.LogCapture;
import org.qvarnmr.camel.support.WorkerFixture;

/**
 * Qvarn unreachable at start-up: a one-shot run gives up after {@code qvarnmr.startup-timeout} with one line
 * naming the URL and the reason; with -f the worker keeps trying, one status line per back-off step.
 */
class StartupUnreachableTest {
    @RegisterExtension
    final WorkerFixture qvarn = WorkerFixture.perTest();

    /** A port nothing listens on: bound, read, then released before use (only for a refused connection). */
    private static String refusingUrl() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + free.getLocalPort();
        }
    }

    @Test
    void shouldGiveUpAfterTheStartupTimeoutWithOneLineNamingUrlAndReason() throws Exception {
        String url = refusingUrl();
        try (LogCapture log = LogCapture.of(StartupWait.class.getName())) {
            assertThatThrownBy(() -> qvarn.runOnce(WorkerFixture.README_BINDINGS, "qvarn.base-url=" + url,
                    "qvarnmr.startup-timeout=1", "qvarnmr.retry.delay=100ms"))
                    .isInstanceOf(QvarnUnreachableException.class)
                    .hasMessage("cannot reach Qvarn at " + url + ": connection refused");
            assertThat(log.text()).as("a one-shot run says it once, when it gives up").doesNotContain("WARN");
        }
    }

    @Test
    void shouldKeepTryingInForeverModeWithOneStatusLinePerStep() throws Exception {
        String url = refusingUrl();
        try (LogCapture log = LogCapture.of(StartupWait.class.getName());
             WorkerFixture.Running running = qvarn.runForever(WorkerFixture.README_BINDINGS, "qvarn.base-url=" + url,
                     "qvarnmr.startup-timeout=1", "qvarnmr.retry.delay=100ms", "qvarnmr.retry.max-delay=200ms")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.events().size() >= 8);

            assertThat(running.exit()).as("still trying, past the one-shot timeout").isNotDone();
            assertThat(log.text().lines()).allSatisfy(line -> assertThat(line)
                    .matches("WARN cannot reach Qvarn at " + url.replace(".", "\\.") + ": connection refused; "
                            + "retrying in 0\\.[12]s"));
        }
    }
}

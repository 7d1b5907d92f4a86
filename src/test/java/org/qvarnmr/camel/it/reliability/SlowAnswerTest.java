package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.HostileRule;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * {@code qvarn.response-timeout} bounds a whole request: an answer that trickles in (never idle for the
 * timeout, never done) counts as Qvarn not answering, so a one-shot run gives up on it like on any outage
 * (after {@code qvarnmr.keep-alive-timeout}) instead of living as long as the trickle.
 */
class SlowAnswerTest {
    final QvarnMrHarness qvarn = TestQvarn.perTest();

    @RegisterExtension
    final HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
    @TempDir
    Path dir;

    @AfterEach
    void closeQvarn() {
        qvarn.close();
    }

    @Test
    void shouldEndAOneShotRunWhoseAnswersDripInsteadOfWaitingForThem() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\"}");
        // One listing (head and body, over 150 bytes) takes over 45 s at 300 ms a byte; never 1 s without a byte.
        HostileRule drip = hostile.on("GET", "/reports/listeners/*/notifications").drip(Duration.ofMillis(300));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("qvarn.base-url", hostile.url());
        settings.put("qvarnmr.instance", "slow");
        settings.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
        settings.put("qvarn.response-timeout", "1");
        settings.put("qvarnmr.keep-alive-update-interval", "0.5");
        settings.put("qvarnmr.keep-alive-timeout", "2");
        settings.put("qvarnmr.retry.delay", "100ms");
        long start = System.nanoTime();

        Cli.Result result = Cli.worker(dir, Bindings.COUNT_BINDINGS, settings);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.QVARN_UNAVAILABLE);
        assertThat(result.err()).as(result.toString()).contains("Qvarn failed: GET /reports/listeners/",
                "/notifications: no complete answer within qvarn.response-timeout (1 s)");
        assertThat(drip.hits()).as("the run polled and was dripped on").isPositive();
        // Bounds, not a speed claim: it waited for the timeouts and the outage window, and not for one whole drip.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(45));
    }
}

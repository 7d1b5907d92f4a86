package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.support.HostileQvarn;
import org.qvarnmr.camel.support.HostileRule;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;

/**
 * A 200 that is not what Qvarn sends (a proxy's HTML page, JSON of the wrong shape) is Qvarn failing: at
 * start-up, or where a pass cannot go on without the answer (the poll), the run exits 3 with a message
 * naming the request and what was wrong; where one change needs it (its source resource), that change fails
 * and is dead-lettered (exit 4). Never a bug's exit 70 with a stack trace. Each case was found by running a
 * one-shot worker against every route it uses with each kind of garbage.
 */
class GarbageAnswerTest {
    private static final String HTML = "text/html";
    private static final String JSON = "application/json";

    final QvarnMrHarness qvarn = TestQvarn.perTest();

    @RegisterExtension
    final HostileQvarn hostile = HostileQvarn.inFrontOf(qvarn.server().baseUrl());
    @TempDir
    Path dir;

    @AfterEach
    void closeQvarn() {
        qvarn.close();
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                // at start-up
                Arguments.of(false, "GET", "/qvarnmr_listeners/search/**", HTML, "<html>maintenance</html>",
                        ExitCodes.QVARN_UNAVAILABLE, "Qvarn failed: GET /qvarnmr_listeners/search/exact/id/"
                                + "qvarnmr-startup-probe: 200 answer is not JSON (text/html)"),
                Arguments.of(false, "POST", "/qvarnmr_listeners", JSON, "{}",
                        ExitCodes.QVARN_UNAVAILABLE, "Qvarn failed: POST /qvarnmr_listeners: 200 unexpected answer: "
                                + "a resource without an id"),
                Arguments.of(false, "POST", "/reports/listeners", JSON, "{\"id\": 7}",
                        ExitCodes.QVARN_UNAVAILABLE, "Qvarn failed: POST /reports/listeners: 200 unexpected answer: "
                                + "a resource without an id"),
                Arguments.of(true, "GET", "/qvarnmr_listeners/*", JSON, "{}",
                        ExitCodes.QVARN_UNAVAILABLE, "200 unexpected answer: a resource without an id"),
                Arguments.of(true, "GET", "/qvarnmr_listeners/*", JSON, "[1, 2]",
                        ExitCodes.QVARN_UNAVAILABLE, "200 unexpected answer: a JSON ARRAY instead of an object"),
                // in a pass: the poll
                Arguments.of(true, "GET", "/reports/listeners/*/notifications", HTML, "<html>maintenance</html>",
                        ExitCodes.QVARN_UNAVAILABLE, "/notifications: 200 answer is not JSON (text/html)"),
                Arguments.of(true, "GET", "/reports/listeners/*/notifications", JSON, "{\"resources\": [{}]}",
                        ExitCodes.QVARN_UNAVAILABLE, "/notifications: 200 unexpected answer: a 'resources' entry "
                                + "without an id"),
                Arguments.of(true, "GET", "/reports/listeners/*/notifications/*", JSON, "[1, 2]",
                        ExitCodes.QVARN_UNAVAILABLE, "200 unexpected answer: a JSON ARRAY instead of an object"),
                // in a pass: one change's source
                Arguments.of(true, "GET", "/reports/*", JSON, "{\"resources\": \"x\"}",
                        ExitCodes.NOT_ALL_DONE, "1 dead letter"));
    }

    @ParameterizedTest(name = "{1} {2}: {4}")
    @MethodSource("garbage")
    void shouldEndWithAMessageAndADocumentedExitCode(boolean started, String method, String path, String type,
            String body, int exit, String message) throws Exception {
        if (started) {
            qvarn.bindingsYaml(Bindings.COUNT_BINDINGS).runWorker("qvarnmr.instance=garbage");
        }
        qvarn.create("reports", "{\"org\": \"a\"}");
        HostileRule rule = hostile.on(method, path).garbage(type, body);

        Cli.Result result = run();

        assertThat(rule.hits()).as("the worker met the garbage").isPositive();
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exit);
        assertThat(result.out() + result.err()).as(result.toString()).contains(message);
        assertThat(result.err()).as(result.toString()).doesNotContain("unexpected error", "\tat ");
    }

    private Cli.Result run() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("qvarn.base-url", hostile.url());
        settings.put("qvarnmr.instance", "garbage");
        settings.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
        settings.put("qvarnmr.retry.delay", "50ms");
        settings.put("qvarnmr.retry.max-attempts", "2");
        return Cli.worker(dir, Bindings.COUNT_BINDINGS, settings);
    }
}

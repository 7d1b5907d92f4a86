package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.binding.BindingsLoader;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.it.handlers.BreakDeadLetterFolder;
import org.qvarnmr.camel.route.DeadLetterFolder;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.support.Bindings;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;
import org.qvarnmr.camel.worker.CamelHandlerResolver;
import org.qvarnmr.camel.worker.QvarnMr;

/**
 * A dead letter that cannot be written is an operations problem, not a bug: the folder is checked at
 * start-up (exit 2), a letter that fails is named in one line and its change keeps its notifications, a
 * one-shot run ends with exit 4, and in {@code -f} the health check is DOWN until letters can be written
 * again. Letters are readable by the worker's user only.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class DeadLetterWritesTest {
    private static final String BREAKS_THE_FOLDER = Bindings.COUNT_BINDINGS.replace("{item: {key: org}}",
            "{bean: breaker}");

    @TempDir
    Path dir;
    private QvarnMrHarness qvarn;

    private Path letters() {
        return qvarn.workDir().resolve("dead-letters");
    }

    @Test
    void shouldRefuseToStartWhenTheDeadLetterFolderCannotBeMade() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("taken"), "a file");
        Map<String, String> s = new LinkedHashMap<>();
        s.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        s.put("qvarnmr.instance", "letters");
        s.put("qvarnmr.dead-letter-uri", "file:" + notAFolder.resolve("dead-letters"));
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), Bindings.COUNT_BINDINGS);

        Cli.Result result = Cli.run(handlers.toString(), "-c", Cli.properties(dir, s).toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains("dead-letter folder " + notAFolder.resolve("dead-letters"),
                "(qvarnmr.dead-letter-uri)").doesNotContain("\tat ");
        assertThat(qvarn.server().stats().total()).as("nothing was sent to Qvarn").isZero();
    }

    @Test
    void shouldWriteLettersOnlyTheWorkersUserCanRead() throws Exception {
        qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker(); // the listeners
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");

        assertThat(qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker("qvarnmr.retry.max-attempts=1"))
                .isEqualTo(ExitCodes.NOT_ALL_DONE);

        assertThat(DeadLetterFolder.letters(letters())).singleElement()
                .satisfies(letter -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(letter)))
                        .isEqualTo("rw-------"));
    }

    @Test
    void shouldEndAOneShotRunWithExitFourWhenALetterCannotBeWrittenAndKeepTheChange() throws Exception {
        qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker(); // the listeners
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");
        qvarn.bind("breaker", new BreakDeadLetterFolder(letters()));

        int exit = qvarn.bindingsYaml(BREAKS_THE_FOLDER).runWorker("qvarnmr.retry.max-attempts=1");

        assertThat(exit).as(qvarn.lastOutput()).isEqualTo(ExitCodes.NOT_ALL_DONE);
        assertThat(qvarn.lastOutput()).contains("dead letters cannot be written to " + letters()
                + " (qvarnmr.dead-letter-uri)", "the change keeps its notifications");
        assertThat(qvarn.client().listNotificationIds("reports", listenerOf("reports"))).as("kept").hasSize(1);

        Files.delete(letters()); // room again: the next run makes the folder and writes the letter
        assertThat(qvarn.bindingsYaml(Bindings.MAP_FAILS_ON_BOOM).runWorker("qvarnmr.retry.max-attempts=1"))
                .isEqualTo(ExitCodes.NOT_ALL_DONE);
        assertThat(DeadLetterFolder.letters(letters())).as("dead-lettered at last").hasSize(1);
        assertThat(qvarn.client().listNotificationIds("reports", listenerOf("reports"))).isEmpty();
    }

    @Test
    void shouldBeDownInForeverModeWhileLettersCannotBeWritten() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        HandlerBindings bindings = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(Bindings.MAP_FAILS_ON_BOOM, "h.yaml");
        QvarnMr.builder(bindings, qvarn.settings(bindings, "qvarnmr.retry.max-attempts=1")).build().addTo(camel);
        camel.start();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> health(camel) == HealthCheck.State.UP);
            BreakDeadLetterFolder.replaceByAFile(letters());

            qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"boom\"}");

            await().atMost(Duration.ofMinutes(1)).until(() -> health(camel) == HealthCheck.State.DOWN);
            assertThat(result(camel).getMessage()).hasValueSatisfying(m -> assertThat(m)
                    .contains("dead letters cannot be written to " + letters()));
            Files.delete(letters()); // room again: the change's next attempt writes its letter
            await().atMost(Duration.ofMinutes(1)).until(() -> health(camel) == HealthCheck.State.UP
                    && DeadLetterFolder.letters(letters()).size() == 1);
        } finally {
            camel.stop();
        }
    }

    private String listenerOf(String type) {
        return qvarn.derived("qvarnmr_listeners").stream().filter(r -> r.get("resource_type").asText().equals(type))
                .findFirst().orElseThrow().get("listener_id").asText();
    }

    private static HealthCheck.State health(CamelContext camel) {
        return result(camel).getState();
    }

    private static HealthCheck.Result result(CamelContext camel) {
        return HealthCheckHelper.invoke(camel).stream().filter(r -> r.getCheck().getId().equals("qvarnmr-worker"))
                .findFirst().orElseThrow();
    }
}

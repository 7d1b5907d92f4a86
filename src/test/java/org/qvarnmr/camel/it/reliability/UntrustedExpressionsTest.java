package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.testing.QvarnMrTest;

/**
 * A handlers file whose expressions do more than read the resource is refused by every command that
 * loads it (exit 2, naming the line and {@code qvarnmr.trusted-expressions}), before anything runs: the
 * worker, {@code validate} and {@code preview}, which promises to write nothing.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class UntrustedExpressionsTest {
    @TempDir
    Path dir;
    private QvarnMrHarness qvarn;

    private Path handlers(String key) throws Exception {
        return Files.writeString(dir.resolve("handlers.yaml"), """
                reports_counts__map:
                  reports:
                    type: map
                    version: 1
                    handler: {expression: {language: simple, key: "%s"}}
                reports_counts:
                  reports_counts__map: {type: reduce, version: 1, handler: count}
                """.formatted(key));
    }

    private Path config(String... extra) throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        s.put("qvarnmr.instance", "expressions");
        s.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
        for (int i = 0; i < extra.length; i += 2) {
            s.put(extra[i], extra[i + 1]);
        }
        return Cli.properties(dir, s);
    }

    @Test
    void shouldRefuseToPreviewAnExpressionThatRunsCommands() throws Exception {
        Path marker = dir.resolve("pwned");
        Path handlers = handlers("${bean:type:java.lang.Runtime?method=getRuntime().exec('touch " + marker + "')}");
        Path report = Files.writeString(dir.resolve("report.json"), "{\"id\": \"r-1\", \"org\": \"o-1\"}");

        Cli.Result result = Cli.run("preview", handlers.toString(), "--source", "reports", "--resource", report.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains(handlers + ":5: target 'reports_counts__map', source 'reports': key expression",
                "qvarnmr.trusted-expressions = yes").doesNotContain("\tat ");
        assertThat(marker).doesNotExist();
    }

    @Test
    void shouldRefuseToValidateIt() throws Exception {
        Cli.Result result = Cli.run("validate", handlers("${bean:type:java.lang.Runtime?method=getRuntime}").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains(":5: target 'reports_counts__map', source 'reports': key expression",
                "'bean:' is not reading the resource", "qvarnmr.trusted-expressions = yes");
    }

    @Test
    void shouldRefuseToStartAWorkerThatWouldCopyTheEnvironmentIntoDerivedRows() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\"}");
        long before = qvarn.server().stats().total();

        Cli.Result result = Cli.run(handlers("${env:PATH}").toString(), "-c", config().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains("'env:' is not reading the resource", "qvarnmr.trusted-expressions = yes");
        assertThat(qvarn.server().stats().total()).as("nothing was sent to Qvarn").isEqualTo(before);
    }

    @Test
    void shouldRunAnyExpressionOnceTheOperatorTrustsTheFile() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\"}");

        Cli.Result result = Cli.run(handlers("${sys.java.specification.version}").toString(), "-c",
                config("qvarnmr.trusted-expressions", "yes").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys(System.getProperty("java.specification.version"));
    }
}

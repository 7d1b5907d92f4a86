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
 * {@code bean:} handlers through the command line: the configuration's {@code camel.beans.*} keys bind
 * (and configure) the bean before the handler bindings are loaded, as in any Camel Main application.
 */
@QvarnMrTest(settings = {"qvarnmr.instance=it", "qvarnmr.management.enabled=no"})
class BeanHandlerCommandLineTest {
    private static final String BINDINGS = """
            reports_counts__map:
              reports: {type: map, version: 1, handler: {bean: reportsByOrg}}
            reports_counts:
              reports_counts__map: {type: reduce, version: 1, handler: count}
            """;

    @TempDir
    Path dir;
    private QvarnMrHarness qvarn;

    private Cli.Result worker(Map<String, String> beans) throws Exception {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("qvarn.base-url", qvarn.server().baseUrl().toString());
        s.put("qvarnmr.instance", "beans");
        s.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
        s.putAll(beans);
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), BINDINGS);
        return Cli.run(handlers.toString(), "-c", Cli.properties(dir, s).toString());
    }

    @Test
    void shouldUseABeanThatTheConfigurationBindsAndConfigures() throws Exception {
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"x\"}");
        qvarn.create("reports", "{\"org\": \"a\", \"report_type\": \"y\"}");
        qvarn.create("reports", "{\"org\": \"b\", \"report_type\": \"x\"}");

        Cli.Result result = worker(Map.of(
                "camel.beans.reportsByOrg", "#class:org.qvarnmr.camel.it.handlers.KeyByField",
                "camel.beans.reportsByOrg.field", "report_type"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(qvarn.derivedByKey("reports_counts")).containsOnlyKeys("x", "y");
        assertThat(qvarn.derivedByKey("reports_counts").get("x").get("_mr_value").asInt()).isEqualTo(2);
    }

    @Test
    void shouldNameTheMissingBeanAndHowToBindIt() throws Exception {
        Cli.Result result = worker(Map.of());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).contains("handlers.yaml:2", "no bean named 'reportsByOrg'", "camel.beans.reportsByOrg")
                .doesNotContain("\tat ");
        assertThat(qvarn.server().stats().total()).as("nothing was sent to Qvarn").isZero();
    }

    @Test
    void shouldSayWhichBeanClassIsMissing() throws Exception {
        Cli.Result result = worker(Map.of("camel.beans.reportsByOrg", "#class:com.example.Missing"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.out()).contains("Camel could not start: class com.example.Missing not found; "
                + "put the jar that contains it on the class path").doesNotContain("\tat ");
        assertThat(qvarn.server().stats().total()).as("nothing was sent to Qvarn").isZero();
    }
}

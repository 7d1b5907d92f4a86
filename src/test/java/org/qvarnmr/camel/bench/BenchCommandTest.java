package org.qvarnmr.camel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.cli.RootCommand;
import picocli.CommandLine;

/** A tiny run of every mode: it must finish, print its figures and find the derived data right. Timing is never asserted. */
class BenchCommandTest {
    @Test
    void shouldRunEveryModeAndPassTheCorrectnessCheck() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RootCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("bench", "--sources", "40", "--mode", "all", "--latency-model", "none",
                "--rate", "10", "--duration", "2s", "--poll-interval", "100ms");

        String text = out.toString();
        assertThat(exit).as(text + err).isZero();
        assertThat(text).contains("## incremental: 40 source changes", "## resync: 40 source resources",
                "## latency: 20 source changes", "## mixed: 36 source changes", "source changes/s", "HTTP requests/change",
                "HTTP requests/resource", "visible p95 (s)", "peak heap", "| GET /reports/{id} |",
                "sequential (qvarn.threads=1, qvarnmr.batch-size=1)", "## Summary",
                "RESULT: PASS");
        assertThat(text).doesNotContain("FAIL");
    }

    @Test
    void shouldRefuseABaselineAgainstAQvarnGivenByUrl() {
        StringWriter err = new StringWriter();
        CommandLine cli = RootCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("bench", "--qvarn-url", "http://127.0.0.1:1", "--mode", "resync");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--no-baseline");
    }

    @Test
    void shouldRefuseSideBySideWithoutTheRealQvarnsAccessLogOrWithoutTheOriginal() {
        StringWriter err = new StringWriter();
        CommandLine cli = RootCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        int noLog = cli.execute("bench", "--side-by-side", "--qvarn-url", "http://127.0.0.1:1", "--mode", "incremental",
                "--no-baseline");
        int noOriginal = cli.execute("bench", "--side-by-side", "--qvarn-url", "http://127.0.0.1:1", "--mode",
                "incremental", "--no-baseline", "--client-id", "c", "--client-secret", "s", "--access-log", "pom.xml",
                "--original", "no-such-folder");

        assertThat(noLog).isEqualTo(2);
        assertThat(noOriginal).isEqualTo(2);
        assertThat(err.toString()).contains("--side-by-side needs --qvarn-url, --client-id and --access-log")
                .contains("--original must be the original worker's folder with worker.sh");
    }
}

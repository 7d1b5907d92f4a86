package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.cli.QvarnServerCommand;
import picocli.CommandLine;

class QvarnServerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command() {
        CommandLine commandLine = new CommandLine(new QvarnServerCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /** Runs the command in a thread, waits for its one line and returns the base URL. */
    private URI startInThread(Thread[] holder, AtomicInteger exit, String... args) {
        CommandLine commandLine = command();
        holder[0] = new Thread(() -> exit.set(commandLine.execute(args)), "qvarn-server-under-test");
        holder[0].start();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().endsWith(System.lineSeparator()));
        String line = out.toString().strip();
        assertThat(line).matches("base_url=http://127\\.0\\.0\\.1:\\d+");
        return URI.create(line.substring("base_url=".length()));
    }

    @Test
    void shouldPrintOneBaseUrlLineAndServeUntilStopped() throws Exception {
        Thread[] thread = new Thread[1];
        AtomicInteger exit = new AtomicInteger(-1);
        URI base = startInThread(thread, exit, "--port", "0", "--resource-types", Fixtures.resourceTypes().toString());

        QvarnHttp http = new QvarnHttp(base);
        assertThat(http.get("/version").status()).isEqualTo(200);
        assertThat(http.post("/things", "{}").status()).isEqualTo(201);
        assertThat(out.toString().lines()).hasSize(1);

        thread[0].interrupt();
        thread[0].join(10_000);
        assertThat(exit.get()).isZero();
        assertThatThrownBy(() -> http.sendOrThrow("GET", "/version", null, null)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void shouldRequireTokensWithAuth() throws Exception {
        Thread[] thread = new Thread[1];
        AtomicInteger exit = new AtomicInteger(-1);
        URI base = startInThread(thread, exit, "--port", "0", "--resource-types", Fixtures.resourceTypes().toString(),
                "--auth", "--client-id", "worker", "--client-secret", "s3cret", "--latency-model", "qvarn-0.82-postgres");
        try {
            assertThat(new QvarnHttp(base).get("/things").status()).isEqualTo(401);
        } finally {
            thread[0].interrupt();
            thread[0].join(10_000);
        }
    }

    @Test
    void shouldExitWith2NamingABadTypeFileWithoutAStackTrace() {
        int exit = command().execute("--port", "0", "--resource-types", Fixtures.badResourceTypes().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("broken.yaml").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWith1OnAPortInUse() {
        try (EmbeddedQvarn taken = Fixtures.startThings()) {
            int exit = command().execute("--port", String.valueOf(taken.baseUrl().getPort()),
                    "--resource-types", Fixtures.resourceTypes().toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.baseUrl().getPort());
        }
    }

    @Test
    void shouldRefuseAuthWithoutClientCredentials() {
        assertThat(command().execute("--port", "0", "--auth")).isEqualTo(2);
        assertThat(err.toString()).contains("--client-id");
    }

    @Test
    void shouldRefuseAnUnknownLatencyModel() {
        assertThat(command().execute("--latency-model", "fast")).isEqualTo(2);
    }
}

package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qvarnmr.camel.docs.DocScript.Kind;
import org.qvarnmr.camel.docs.DocScript.Step;

/**
 * Runs a {@link DocScript} as a reader would, in one folder: writes its files, runs its commands with
 * bash (shell variables carry from one block to the next, as in one terminal), keeps its {@code start}
 * commands running in the background and checks each {@code output} block against what the previous
 * command printed. The documents use Qvarn's port 9080; a server started with {@code --port 9080} is
 * started on port 0 instead, and the port it reports in {@code base_url=} replaces 9080 everywhere after.
 */
final class DocRunner implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final Pattern BASE_URL = Pattern.compile("base_url=http://127\\.0\\.0\\.1:(\\d+)");
    private static final String DOC_PORT = "127.0.0.1:9080";

    private final DocScript script;
    private final Path dir;
    private final Path state;
    private final Map<String, Process> started = new LinkedHashMap<>();
    private final Map<String, Path> logs = new LinkedHashMap<>();
    private final List<String> done = new ArrayList<>();
    private String port;
    private Step lastRun;
    private String lastOutput = "";

    /** {@code scratch} holds the shell state between blocks, outside the reader's folder {@code dir}. */
    DocRunner(DocScript script, Path dir, Path scratch) {
        this.script = script;
        this.dir = dir;
        this.state = scratch.resolve("shell-state.sh");
    }

    /** Runs every step in order; returns one line per step done, for the test report. */
    List<String> runAll() throws Exception {
        for (Step step : script.steps()) {
            switch (step.kind()) {
                case FILE -> write(step);
                case RUN -> run(step);
                case OUTPUT -> check(step);
                case START -> start(step);
                case STOP -> stop(step);
                case NOT_RUN -> { }
            }
            done.add(step.where(script.source()) + " " + step.kind() + (step.arg() == null ? "" : " " + step.arg()));
        }
        return done;
    }

    private String text(Step step) {
        return port == null ? step.text() : step.text().replace(DOC_PORT, "127.0.0.1:" + port);
    }

    private void write(Step step) throws IOException {
        Path file = dir.resolve(step.arg());
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(step));
    }

    private void run(Step step) throws Exception {
        lastRun = step;
        lastOutput = execute(step);
    }

    private String execute(Step step) throws Exception {
        Path script = Files.createTempFile(state.getParent(), "block", ".sh");
        Files.writeString(script, "set -ea\nif [ -f '" + state + "' ]; then . '" + state + "'; fi\n" + text(step)
                + "\nset +a\nexport -p > '" + state + "'\n");
        Path out = Files.createTempFile(state.getParent(), "out", ".txt");
        Process p = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as("%s: the block finished within %s; it printed:%n%s", where(step), COMMAND_TIMEOUT, output).isTrue();
        assertThat(p.exitValue()).as("%s: exit code of%n%s%nwhich printed:%n%s", where(step), text(step), output)
                .isEqualTo(step.expectedExit());
        return output;
    }

    private void check(Step step) throws Exception {
        assertThat(lastRun).as("%s: an output block follows a run block", where(step)).isNotNull();
        if (step.arg().equals("eventually")) {
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> assertPrints(step, execute(lastRun)));
        } else {
            assertPrints(step, lastOutput);
        }
    }

    private void assertPrints(Step step, String output) {
        String missing = OutputMatch.firstMissing(step.text(), output);
        assertThat(missing).as("%s: the line the document shows%n  %s%nis not in what%n%s%nprinted:%n%s",
                where(step), missing, text(lastRun), output).isNull();
    }

    private void start(Step step) throws Exception {
        // a Qvarn started on the documents' port 9080 gets a free port; it prints the one it bound
        String command = text(step).strip().replace("--port 9080", "--port 0");
        Path log = Files.createTempFile(state.getParent(), step.arg(), ".log");
        Path script = Files.createTempFile(state.getParent(), "start", ".sh");
        // exec: the process the test stops is the command itself, as Ctrl-C would reach it
        Files.writeString(script, "set -a\nif [ -f '" + state + "' ]; then . '" + state + "'; fi\nexec " + command + "\n");
        Process p = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.put(step.arg(), p);
        logs.put(step.arg(), log);
        if (step.until() != null) {
            await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(p.isAlive()).as("%s: '%s' is still running; it printed:%n%s", where(step), command,
                        Files.readString(log)).isTrue();
                return Files.readString(log).contains(step.until());
            });
            Matcher m = BASE_URL.matcher(Files.readString(log));
            if (m.find()) {
                port = m.group(1);
            }
        }
    }

    private void stop(Step step) throws Exception {
        Process p = started.remove(step.arg());
        assertThat(p).as("%s: '%s' was started before", where(step), step.arg()).isNotNull();
        assertThat(p.isAlive()).as("%s: '%s' still ran until stopped; it printed:%n%s", where(step), step.arg(),
                Files.readString(logs.get(step.arg()))).isTrue();
        p.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
        assertThat(p.waitFor(CATCH_UP.toSeconds(), TimeUnit.SECONDS)).as("%s: '%s' stopped", where(step), step.arg()).isTrue();
        // kept in the test's report: what the process printed up to its stop
        System.out.printf("%s: '%s' stopped with exit code %d; it printed:%n%s%n", where(step), step.arg(), p.exitValue(),
                Files.readString(logs.remove(step.arg())));
    }

    private String where(Step step) {
        return step.where(script.source());
    }

    @Override
    public void close() {
        for (Process p : started.values()) {
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        started.clear();
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("qvarnmr.jar", "target" + File.separator + "qvarnmr-camel.jar"));
        assertThat(jar).as("the shaded jar (run after 'package')").exists();
        return jar.toAbsolutePath();
    }
}

package org.qvarnmr.camel.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
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

/**
 * The shaded jar run as a separate worker process ({@code java -jar}), for tests that kill it with SIGKILL.
 * The jar path comes from the {@code qvarnmr.jar} system property that failsafe sets.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("management server listening on http://[^:\\s]+:(\\d+)");

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Writes the bindings and an application.properties to {@code dir} and starts the worker. */
    public static WorkerProcess start(Path dir, String bindings, String baseUrl, boolean forever, String... settings)
            throws IOException {
        Path handlers = dir.resolve("handlers.yaml");
        Files.writeString(handlers, bindings);
        // The settings replace the defaults: a key written twice is refused, as in any configuration file.
        Map<String, String> values = new LinkedHashMap<>();
        values.put("qvarn.base-url", baseUrl);
        values.put("qvarnmr.instance", "it");
        values.put("qvarnmr.dead-letter-uri", "file:" + dir.resolve("dead-letters"));
        for (String s : settings) {
            values.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        StringBuilder props = new StringBuilder();
        values.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Path config = dir.resolve("application.properties");
        Files.writeString(config, props);
        String jar = System.getProperty("qvarnmr.jar", "target/qvarnmr-camel.jar");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar, handlers.toString(),
                "-c", config.toString()));
        if (forever) {
            command.add("-f");
        }
        Path log = Files.createTempFile(dir, "worker", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new WorkerProcess(p, log);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then waits for the graceful stop; returns the exit code. */
    public int terminate() throws Exception {
        process.destroy();
        return waitFor(60);
    }

    /** SIGKILL: no shutdown hook, no ownership release. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to exit on its own; returns the exit code. */
    public int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("worker did not finish within " + seconds + " s; log:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * The port the worker's management server bound, read from its {@code management server listening on}
     * line once it has printed it (a standby prints it only after taking over).
     */
    public int managementPort(Duration within) {
        Matcher[] line = new Matcher[1];
        await().atMost(within).until(() -> (line[0] = LISTENING.matcher(output())).find());
        return Integer.parseInt(line[0].group(1));
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

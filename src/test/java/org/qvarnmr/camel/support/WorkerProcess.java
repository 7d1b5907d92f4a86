package org.qvarnmr.camel.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker started as its own process from the shaded jar ({@code java -jar}, the jar path in the system
 * property {@code qvarnmr.jar}, which failsafe sets), in forever mode, in a folder of its own (so no
 * {@code routes/} folder: the jar's built-in routes run). Its output is kept in that folder.
 */
public final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private WorkerProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /** Writes {@code handlers.yaml} and {@code application.properties} into {@code dir} and starts the worker. */
    public static WorkerProcess start(Path dir, String handlersYaml, Map<String, String> properties)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("handlers.yaml"), handlersYaml);
        StringBuilder props = new StringBuilder();
        properties.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("application.properties"), props);
        String jar = System.getProperty("qvarnmr.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property qvarnmr.jar must name the shaded jar, not " + jar);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "handlers.yaml", "-c", "application.properties", "-f"));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        return new WorkerProcess(process, dir);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed for people (stdout). */
    public String output() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    }

    /** Its log (stderr). */
    public String log() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook, no ownership release. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the graceful stop; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("worker " + pid() + " did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The shaded jar ({@code -Dqvarnmr.jar}, set by failsafe) run as a separate process on a handlers file and
 * an {@code app.properties} written to a work folder. Each run's stdout and stderr go to
 * {@code <name>.out} and {@code <name>.err} in that folder.
 */
final class JarWorker {
    final Path dir;
    final Path handlers;
    final Path config;
    private final Map<String, String> env = new LinkedHashMap<>();

    /** The outcome of a run that ended by itself. */
    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    JarWorker(Path dir, String bindings, Map<String, String> properties) throws IOException {
        this.dir = dir;
        this.handlers = Files.writeString(dir.resolve("handlers.yaml"), bindings);
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        this.config = Files.writeString(dir.resolve("app.properties"), text);
    }

    JarWorker env(String name, String value) {
        env.put(name, value);
        return this;
    }

    static Path jar() {
        String jar = System.getProperty("qvarnmr.jar");
        assertThat(jar).as("system property qvarnmr.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).as("the shaded jar").isRegularFile();
        return Path.of(jar);
    }

    /** Starts {@code java -jar qvarnmr-camel.jar ARGS}; the handlers and config paths are not added. */
    Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The worker on this folder's files: {@code HANDLERS.yaml -c app.properties [-f]}. */
    Process startWorker(String name, boolean forever) throws IOException {
        return forever ? start(name, handlers.toString(), "-c", config.toString(), "-f")
                : start(name, handlers.toString(), "-c", config.toString());
    }

    /** Runs to the end (killing it after {@code timeout}, which fails the test). */
    Result run(String name, Duration timeout, String... args) throws Exception {
        Process process = start(name, args);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not end within " + timeout + ":\n" + output(name));
        }
        return new Result(process.exitValue(), read(name + ".out"), read(name + ".err"));
    }

    String output(String name) throws IOException {
        return "--- stdout\n" + read(name + ".out") + "--- stderr\n" + read(name + ".err");
    }

    private String read(String file) throws IOException {
        Path path = dir.resolve(file);
        return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL: no shutdown hook runs, ownership stays recorded, nothing is flushed. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}

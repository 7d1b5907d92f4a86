package org.qvarnmr.camel.it.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.qvarnmr.camel.cli.RootCommand;

/**
 * Runs the command line in this JVM, as {@code java -jar qvarnmr-camel.jar ARGS} would, with
 * {@code System.out} and {@code System.err} captured (the test logback configuration logs to stdout).
 */
public final class Cli {
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    public static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = RootCommand.commandLine().execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes {@code app.properties} with these settings into {@code dir}. */
    public static Path properties(Path dir, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Files.writeString(dir.resolve("app.properties"), text);
    }

    /** Writes {@code handlers.yaml} and {@code app.properties} into {@code dir} and runs the worker on them. */
    public static Result worker(Path dir, String bindings, Map<String, String> settings) throws IOException {
        Path handlers = Files.writeString(dir.resolve("handlers.yaml"), bindings);
        return run(handlers.toString(), "-c", properties(dir, settings).toString());
    }
}

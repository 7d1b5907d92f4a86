package org.qvarnmr.camel.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The executable steps of a Markdown document. Every fenced block must follow an HTML comment that says
 * what it is, so no command or file of the document can escape its test:
 * <ul>
 * <li>{@code <!-- file: PATH -->} the block is a file the reader writes;</li>
 * <li>{@code <!-- run -->} (or {@code <!-- run: exit N -->}) the block is shell commands the reader runs;</li>
 * <li>{@code <!-- output -->} the block is what the previous run prints ({@code ...} stands for any text);
 * {@code <!-- output: eventually -->} what it prints once the worker has caught up;</li>
 * <li>{@code <!-- start: NAME -->} (optionally {@code until: TEXT}) a command that keeps running in another
 * terminal; {@code <!-- stop: NAME -->} (no block) is the reader's Ctrl-C there;</li>
 * <li>{@code <!-- not run: WHY -->} a block the test cannot run, with the reason.</li>
 * </ul>
 */
record DocScript(Path source, List<Step> steps) {
    enum Kind { FILE, RUN, OUTPUT, START, STOP, NOT_RUN }

    /** One step; {@code arg} is the path, the process name, or "eventually"; {@code until} the start's ready text. */
    record Step(Kind kind, String arg, String until, int expectedExit, String text, int line) {
        String where(Path source) {
            return source + ":" + line;
        }
    }

    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(file|run|output|start|stop|not run)\\b:?\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)(.*)$");
    private static final Pattern START_ARG = Pattern.compile("^(\\S+)(?:\\s+until:\\s*(.+))?$");
    private static final Pattern EXIT_ARG = Pattern.compile("^exit\\s+(\\d+)$");

    static DocScript parse(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        List<Step> steps = new ArrayList<>();
        Matcher pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line);
            Matcher fence = FENCE.matcher(line);
            if (marker.matches()) {
                if (pending != null) {
                    throw new IllegalArgumentException(source + ":" + pendingLine + ": marker '" + pending.group(1)
                            + "' is not followed by a fenced block");
                }
                if (marker.group(1).equals("stop")) {
                    steps.add(new Step(Kind.STOP, marker.group(2), null, 0, "", i + 1));
                } else {
                    pending = marker;
                    pendingLine = i + 1;
                }
            } else if (fence.matches()) {
                String indent = fence.group(1);
                String close = fence.group(2);
                StringBuilder text = new StringBuilder();
                int start = i + 1;
                for (i = i + 1; i < lines.size() && !lines.get(i).strip().startsWith(close); i++) {
                    String body = lines.get(i);
                    text.append(body.startsWith(indent) ? body.substring(indent.length()) : body.stripLeading()).append('\n');
                }
                if (pending == null) {
                    throw new IllegalArgumentException(source + ":" + start + ": fenced block without a marker"
                            + " (file:, run, output, start:, not run:); every block of this document is tested");
                }
                steps.add(step(source, pending, text.toString(), start));
                pending = null;
            } else if (pending != null && !line.isBlank()) {
                throw new IllegalArgumentException(source + ":" + pendingLine + ": marker '" + pending.group(1)
                        + "' must be followed directly by a fenced block");
            }
        }
        return new DocScript(source, List.copyOf(steps));
    }

    private static Step step(Path source, Matcher marker, String text, int line) {
        String arg = marker.group(2);
        return switch (marker.group(1)) {
            case "file" -> new Step(Kind.FILE, require(source, line, arg, "file: needs a path"), null, 0, text, line);
            case "run" -> {
                Matcher exit = EXIT_ARG.matcher(arg);
                if (!arg.isEmpty() && !exit.matches()) {
                    throw new IllegalArgumentException(source + ":" + line + ": run takes only 'exit N', found '" + arg + "'");
                }
                yield new Step(Kind.RUN, null, null, arg.isEmpty() ? 0 : Integer.parseInt(exit.group(1)), text, line);
            }
            case "output" -> new Step(Kind.OUTPUT, arg, null, 0, text, line);
            case "start" -> {
                Matcher m = START_ARG.matcher(require(source, line, arg, "start: needs a name"));
                if (!m.matches()) {
                    throw new IllegalArgumentException(source + ":" + line + ": start: NAME [until: TEXT], found '" + arg + "'");
                }
                yield new Step(Kind.START, m.group(1), m.group(2), 0, text, line);
            }
            default -> new Step(Kind.NOT_RUN, require(source, line, arg, "not run: needs the reason"), null, 0, text, line);
        };
    }

    private static String require(Path source, int line, String arg, String message) {
        if (arg.isBlank()) {
            throw new IllegalArgumentException(source + ":" + line + ": " + message);
        }
        return arg;
    }

    long count(Kind kind) {
        return steps.stream().filter(s -> s.kind() == kind).count();
    }
}

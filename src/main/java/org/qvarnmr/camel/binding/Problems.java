package org.qvarnmr.camel.binding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one file, so that all of them are reported together. */
final class Problems {
    /** Reports problems of one place (a target, or a target and source). */
    interface Reporter {
        void report(Node at, String message);
    }

    private record Problem(int line, int column, String text) {
    }

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node at, String target, String source, String message) {
        add(Yamls.line(at), at == null || at.getStartMark() == null ? 0 : at.getStartMark().getColumn(),
                target, source, message);
    }

    void add(int line, String target, String source, String message) {
        add(line, 0, target, source, message);
    }

    private void add(int line, int column, String target, String source, String message) {
        StringBuilder text = new StringBuilder(new SourceLocation(file, line).toString()).append(": ");
        if (target != null) {
            text.append("target '").append(target).append('\'');
            if (source != null) {
                text.append(", source '").append(source).append('\'');
            }
            text.append(": ");
        }
        problems.add(new Problem(line, column, text.append(message).toString()));
    }

    Reporter reporter(String target, String source) {
        return (at, message) -> add(at, target, source, message);
    }

    int count() {
        return problems.size();
    }

    /** Throws a {@link BindingException} listing every problem, in file order, if there are any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new BindingException(file, problems.stream()
                    .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                    .map(Problem::text)
                    .toList());
        }
    }
}

package org.qvarnmr.camel.binding;

import java.util.List;

/**
 * A handler bindings file that cannot be used. The message lists every problem found, one per line,
 * each naming {@code file:line}, the target and the source, for example:
 *
 * <pre>
 * Invalid handler bindings in handlers.yaml:
 *   handlers.yaml:7: target 'company_reports', source 'company_reports__map': unknown built-in 'cont'; known: count, sum, min, max, avg, list
 * </pre>
 */
public class BindingException extends RuntimeException {
    private final String file;
    private final List<String> problems;

    public BindingException(String file, List<String> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file name as given to the loader. */
    public String file() {
        return file;
    }

    /** One line per problem, e.g. {@code handlers.yaml:7: target 'x', source 'y': ...}. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String file, List<String> problems) {
        StringBuilder text = new StringBuilder("Invalid handler bindings in ").append(file).append(':');
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }
}

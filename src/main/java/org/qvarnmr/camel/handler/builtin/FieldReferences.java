package org.qvarnmr.camel.handler.builtin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level resource fields an {@code expression} handler names, read from its text so that a field
 * the resource does not have fails the map instead of evaluating to null. Only the plain forms are seen:
 * {@code ${body[org]}} and {@code ${body.org}} in simple, {@code $.org} and {@code $['org']} in jsonpath
 * (the first step of a path). Anything else (functions, deep scans, wildcards) is not checked.
 */
public final class FieldReferences {
    private static final Pattern SIMPLE = Pattern.compile(
            "\\$\\{body(?:\\[\\s*['\"]?([^\\]'\"\\s]+)['\"]?\\s*]|\\.([A-Za-z_][A-Za-z0-9_-]*)(?![A-Za-z0-9_(-]))");
    private static final Pattern JSONPATH = Pattern.compile(
            "\\$(?:\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

    private FieldReferences() {
    }

    /** The fields {@code text} reads, in order of appearance; empty for a language not listed above. */
    public static List<String> of(String language, String text) {
        Pattern pattern = switch (language) {
            case "simple" -> SIMPLE;
            case "jsonpath" -> JSONPATH;
            default -> null;
        };
        Set<String> fields = new LinkedHashSet<>();
        if (pattern != null && text != null) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if ("jsonpath".equals(language) && m.start() > 0 && text.charAt(m.start() - 1) == '.') {
                    continue; // ..x: a deep scan, not a top-level field
                }
                fields.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return List.copyOf(fields);
    }
}

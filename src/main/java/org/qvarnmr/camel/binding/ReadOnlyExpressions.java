package org.qvarnmr.camel.binding;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an {@code expression} handler may do while {@code qvarnmr.trusted-expressions} is off: read the
 * resource, nothing else. An allow-list parse, so that whatever a Camel upgrade adds stays refused:
 * <ul>
 * <li>{@code simple}: text, and functions {@code ${body}} or {@code ${body[field][0]...}} (field names or
 * indexes, quoted or not), alone or as {@code ${body[f] OP VALUE ? VALUE : VALUE}} where a value is a
 * quoted text, a number, {@code null}, {@code true}, {@code false} or such a {@code ${body[...]}}. Every
 * {@code $} must open one of these; so no other function ({@code bean:}, {@code env:}, {@code sys:},
 * {@code properties:}, {@code header}, {@code exchange}...), no method call ({@code body.x}), no
 * {@code $simple{}} or {@code $init{}} block, no {@code resource:} script.</li>
 * <li>{@code jsonpath}: a path from {@code $} without braces (Camel would evaluate {@code ${...}} in it as
 * simple), so no {@code resource:} script either; JsonPath's own functions only compute on the resource.</li>
 * </ul>
 * Camel's simple language has no switch that turns its functions off (only the {@code file:} ones), hence
 * this parse. Text between functions may hold simple's operators ({@code ?:}, {@code ~>}): they only combine
 * what the functions read.
 */
final class ReadOnlyExpressions {
    /** The languages an untrusted file may use. */
    static final List<String> LANGUAGES = List.of("simple", "jsonpath");
    /** What an expression may do when its file is not trusted, for messages. */
    static final String ALLOWED = "by default an expression may only read the resource: ${body[field]} (also nested, "
            + "and in ${body[field] OP VALUE ? VALUE : VALUE}) in simple, or a jsonpath from $";
    /** simple's binary operators that compare values; not 'is', which resolves a class by name. */
    private static final Set<String> OPERATORS = Set.of("==", "!=", ">", ">=", "<", "<=", "=~", "!=~", "contains",
            "!contains", "~~", "!~~", "regex", "!regex", "in", "!in", "range", "!range", "startsWith", "!startsWith",
            "starts with", "endsWith", "!endsWith", "ends with");

    private ReadOnlyExpressions() {
    }

    /** Null when {@code text} only reads the resource, else why it does not. */
    static String whyNot(String language, String text) {
        return switch (language) {
            case "simple" -> simple(text);
            case "jsonpath" -> jsonPath(text);
            default -> "language '" + language + "' is not one of " + String.join(", ", LANGUAGES);
        };
    }

    private static String jsonPath(String text) {
        if (!text.strip().startsWith("$")) {
            return "a jsonpath expression must start with '$' (the resource)";
        }
        if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
            return "it contains a brace: Camel evaluates '${' and '$simple{' inside jsonpath as the simple language";
        }
        return null;
    }

    private static String simple(String text) {
        if (text.strip().toLowerCase(Locale.ROOT).startsWith("resource:")) {
            return "'resource:' loads the expression from a file or URL";
        }
        int at = 0;
        while (true) {
            int dollar = text.indexOf('$', at);
            if (dollar < 0) {
                return null;
            }
            if (!text.startsWith("${", dollar)) {
                return dollar(text, dollar);
            }
            Scan scan = new Scan(text, dollar + 2);
            String why = scan.function();
            if (why != null) {
                return why;
            }
            at = scan.at;
        }
    }

    private static String dollar(String text, int at) {
        for (String block : List.of("$simple{", "$init{")) {
            if (text.startsWith(block, at)) {
                return "'" + block + "' is not reading the resource";
            }
        }
        return "a '$' that does not open ${body...}";
    }

    /** A recursive-descent reading of one function, from just after its {@code ${}. */
    private static final class Scan {
        private final String text;
        private int at;

        Scan(String text, int at) {
            this.text = text;
            this.at = at;
        }

        /** {@code body[...]} and its closing brace, or the ternary form; null when allowed. */
        String function() {
            String why = body();
            if (why != null) {
                return why;
            }
            if (eat("}")) {
                return null;
            }
            if (!spaces()) {
                return unexpected();
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != '}') {
                at++;
            }
            String operator = text.substring(start, at);
            if ((operator.equals("starts") || operator.equals("ends")) && text.startsWith(" with", at)) {
                at += " with".length();
                operator += " with";
            }
            if (!OPERATORS.contains(operator)) {
                return "operator '" + operator + "' is not one that compares values"
                        + (operator.endsWith("is") ? " (it resolves a class by name)" : "");
            }
            for (String separator : new String[] {null, "?", ":"}) {
                if (separator != null && !(spaces() && eat(separator))) {
                    return unexpected();
                }
                if (!spaces()) {
                    return unexpected();
                }
                why = operand();
                if (why != null) {
                    return why;
                }
            }
            return eat("}") ? null : unexpected();
        }

        /** {@code body} followed by {@code [key]} steps; a {@code .name} would call a method. */
        private String body() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String name = text.substring(start, at);
            if (!name.equals("body")) {
                if (name.isEmpty()) {
                    return unexpected();
                }
                return "'" + name + (at < text.length() && text.charAt(at) == ':' ? ":" : "")
                        + "' is not reading the resource";
            }
            while (eat("[")) {
                spaces();
                String why = key();
                if (why != null) {
                    return why;
                }
                spaces();
                if (!eat("]")) {
                    return unexpected();
                }
            }
            if (text.startsWith(".", at) || text.startsWith("?.", at)) {
                int end = text.indexOf('.', at) + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (text.startsWith("()", end)) {
                    end += 2;
                }
                return "'" + text.substring(text.indexOf('.', at), end) + "': a method call on the resource; "
                        + "read a field with [name]";
            }
            return null;
        }

        private String key() {
            if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
                return quoted();
            }
            int start = at;
            while (at < text.length() && "]$[(){}'\" ".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            if (text.startsWith("$", at)) {
                return "'${' inside [] (a field name or index must be written out)";
            }
            return at > start ? null : unexpected();
        }

        private String operand() {
            if (eat("${")) {
                String why = body();
                return why != null ? why : eat("}") ? null : unexpected();
            }
            if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
                return quoted();
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != '}') {
                at++;
            }
            String word = text.substring(start, at);
            if (word.matches("-?[0-9]+(\\.[0-9]+)?|null|true|false")) {
                return null;
            }
            at = start;
            return unexpected();
        }

        /** A quoted text without '$', braces or backslashes, which could make it more than text. */
        private String quoted() {
            char quote = text.charAt(at);
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                return unexpected();
            }
            String inside = text.substring(at + 1, end);
            if (inside.chars().anyMatch(c -> "${}\\".indexOf(c) >= 0)) {
                return "quoted text " + quote + inside + quote + " holds '$', a brace or a backslash";
            }
            at = end + 1;
            return null;
        }

        private boolean spaces() {
            int start = at;
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            return at > start;
        }

        private boolean eat(String token) {
            if (text.startsWith(token, at)) {
                at += token.length();
                return true;
            }
            return false;
        }

        private String unexpected() {
            String rest = at >= text.length() ? "the end" : "'" + text.substring(at, Math.min(text.length(), at + 20)) + "'";
            return rest + " where a ${body[...]} read was expected";
        }
    }
}
